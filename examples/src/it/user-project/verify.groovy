// The user's builds must be clean, not just green: both ran every test, each on its own SDK, and
// nothing complained about logging bindings or missing classes. Container tests are skipped only
// where no Docker engine answers, and never under CI=true (where the extension fails them instead).
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it ==~ /.*Tests run: \d+, Failures: 0, Errors: 0, Skipped: \d+$/ }
assert summaries.size() == 2 : 'expected two passing test summaries, found:\n' + summaries.join('\n')
if (System.getenv('CI') == 'true') {
  assert summaries.every { it.endsWith('Skipped: 0') } : 'tests were skipped:\n' + summaries.join('\n')
}
[newestSdk, yearOldSdk].each { version ->
  assert log.contains('user-project: AWS SDK ' + version + ',') : 'no build ran on SDK ' + version
}
def complaints = log.readLines().findAll {
  it.contains('SLF4J') || it.contains('NoClassDefFoundError') || it.contains('NoSuchMethodError')
}
assert complaints.isEmpty() : 'the user build complained:\n' + complaints.join('\n')
return true
