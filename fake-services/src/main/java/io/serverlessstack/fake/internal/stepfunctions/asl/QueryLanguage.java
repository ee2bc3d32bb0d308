package io.serverlessstack.fake.internal.stepfunctions.asl;

/** How a state reads and shapes its data; a definition's {@code QueryLanguage} field. */
public enum QueryLanguage {
  JSONPATH("JSONPath"),
  JSONATA("JSONata");

  private final String wireName;

  QueryLanguage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The language {@code name} names, or {@code fallback} when it is {@code null}. */
  public static QueryLanguage of(String name, QueryLanguage fallback) {
    if (name == null) {
      return fallback;
    }
    for (QueryLanguage language : values()) {
      if (language.wireName.equals(name)) {
        return language;
      }
    }
    throw new IllegalArgumentException("Unknown query language: " + name);
  }
}
