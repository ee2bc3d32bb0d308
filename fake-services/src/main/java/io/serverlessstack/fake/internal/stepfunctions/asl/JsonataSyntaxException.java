package io.serverlessstack.fake.internal.stepfunctions.asl;

/**
 * A JSONata expression that does not parse. Step Functions refuses such a definition when it is
 * created, updated or validated ({@code INVALID_JSONATA_EXPRESSION: <message> at <path>}); a
 * definition validator reads {@link #jsonataMessage()} and adds the location.
 */
public final class JsonataSyntaxException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String expression;
  private final String code;
  private final String jsonataMessage;
  private final int position;

  JsonataSyntaxException(String expression, String code, String jsonataMessage, int position) {
    super(
        "Invalid JSONata expression '"
            + expression
            + "': "
            + (code == null ? "" : code + ": ")
            + jsonataMessage);
    this.expression = expression;
    this.code = code;
    this.jsonataMessage = jsonataMessage;
    this.position = position;
  }

  /** The expression, without its {@code {% %}} delimiters. */
  public String expression() {
    return expression;
  }

  /** JSONata's error code ({@code S0202}, ...), or {@code null}. */
  public String code() {
    return code;
  }

  /**
   * The parser's message without the code, as AWS quotes it: {@code Unexpected end of expression}.
   */
  public String jsonataMessage() {
    return jsonataMessage;
  }

  /** The character position the parser stopped at, or -1. */
  public int position() {
    return position;
  }
}
