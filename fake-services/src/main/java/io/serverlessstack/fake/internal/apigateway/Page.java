package io.serverlessstack.fake.internal.apigateway;

import java.util.List;

/**
 * One page of a list, as API Gateway pages them: {@code position} is where the page starts (the
 * {@code position} the previous page answered), {@code limit} its size (25 by default, at most
 * 500).
 *
 * @param next the position of the next page, or {@code null} after the last
 */
record Page<T>(List<T> items, String next) {

  static final int DEFAULT_LIMIT = 25;
  static final int MAX_LIMIT = 500;

  static <T> Page<T> of(List<T> all, String position, Integer limit) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ApiGatewayErrors.badRequest("Invalid limit specified. Must be between 1 and 500");
    }
    int from = 0;
    if (position != null) {
      try {
        from = Integer.parseInt(position);
      } catch (NumberFormatException e) {
        throw ApiGatewayErrors.badRequest("Invalid position parameter");
      }
      if (from < 0 || from > all.size()) {
        throw ApiGatewayErrors.badRequest("Invalid position parameter");
      }
    }
    int to = Math.min(all.size(), from + size);
    return new Page<>(
        List.copyOf(all.subList(from, to)), to < all.size() ? String.valueOf(to) : null);
  }
}
