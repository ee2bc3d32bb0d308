// The streaming project's build must be clean: every test ran (none skipped under CI=true, where
// the container test must run), and nothing was missing from a class path without SQS or Lambda.
def log = new File(basedir, 'build.log').text
def summaries = log.readLines().findAll { it ==~ /.*Tests run: \d+, Failures: 0, Errors: 0, Skipped: \d+$/ }
assert summaries.size() == 1 : 'expected one passing test summary, found:\n' + summaries.join('\n')
assert summaries[0].contains('Tests run: 2,') : 'expected both tests to run:\n' + summaries[0]
if (System.getenv('CI') == 'true') {
  assert summaries[0].endsWith('Skipped: 0') : 'tests were skipped:\n' + summaries[0]
}
def complaints = log.readLines().findAll {
  it.contains('SLF4J') || it.contains('NoClassDefFoundError') || it.contains('NoSuchMethodError')
}
assert complaints.isEmpty() : 'the user build complained:\n' + complaints.join('\n')
return true
