// The user's builds must be clean, not just green: both ran every test (none skipped), each on
// its own SDK, and nothing complained about logging bindings or missing classes.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it ==~ /.*Tests run: \d+, Failures: 0, Errors: 0, Skipped: 0$/ }
assert summaries.size() == 2 : 'expected two clean test summaries, found:\n' + summaries.join('\n')
[newestSdk, yearOldSdk].each { version ->
  assert log.contains('user-project: AWS SDK ' + version + ',') : 'no build ran on SDK ' + version
}
def complaints = log.readLines().findAll {
  it.contains('SLF4J') || it.contains('NoClassDefFoundError') || it.contains('NoSuchMethodError')
}
assert complaints.isEmpty() : 'the user build complained:\n' + complaints.join('\n')
return true
