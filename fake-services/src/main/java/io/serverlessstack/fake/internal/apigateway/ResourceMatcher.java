package io.serverlessstack.fake.internal.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * Finds the resource and method of a deployed REST API that a call reaches, as API Gateway does: a
 * literal path part before a {@code {param}}, which is before a greedy {@code {proxy+}} (which
 * takes one or more segments), segment by segment from the left; among resources that fit the path,
 * only those with the call's method or {@code ANY}, the method itself before {@code ANY}. A
 * trailing slash is ignored.
 */
final class ResourceMatcher {

  /**
   * What a call reached.
   *
   * @param pathParameters the path's labels with their decoded values, in template order
   */
  record Match(Resource resource, Method method, Map<String, String> pathParameters) {}

  private static final int LITERAL = 3;
  private static final int LABEL = 2;
  private static final int GREEDY = 1;

  private ResourceMatcher() {}

  /** The best match for {@code httpMethod} on {@code path}, or {@code null}. */
  static Match match(Collection<Resource> resources, String httpMethod, String path) {
    List<String> segments = segments(path);
    Match best = null;
    int[] bestScore = null;
    for (Resource resource : resources) {
      if (!resource.hasResourceMethods()) {
        continue;
      }
      Method method = resource.resourceMethods().get(httpMethod);
      boolean exactMethod = method != null;
      if (method == null) {
        method = resource.resourceMethods().get("ANY");
      }
      if (method == null) {
        continue;
      }
      Map<String, String> parameters = new LinkedHashMap<>();
      int[] score = score(templateSegments(resource.path()), segments, parameters);
      if (score == null) {
        continue;
      }
      score[score.length - 1] = exactMethod ? 1 : 0;
      if (bestScore == null || compare(score, bestScore) > 0) {
        best = new Match(resource, method, parameters);
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * How specifically {@code template} fits {@code segments} (one entry per segment, then a slot for
   * the method), filling {@code parameters}; {@code null} if it does not fit.
   */
  private static int[] score(
      List<String> template, List<String> segments, Map<String, String> parameters) {
    int[] score = new int[segments.size() + 1];
    for (int i = 0; i < template.size(); i++) {
      String part = template.get(i);
      if (RestApiOperations.isGreedy(part)) {
        if (i >= segments.size()) {
          return null;
        }
        parameters.put(
            part.substring(1, part.length() - 2),
            String.join("/", segments.subList(i, segments.size())));
        for (int j = i; j < segments.size(); j++) {
          score[j] = GREEDY;
        }
        return score;
      }
      if (i >= segments.size()) {
        return null;
      }
      if (RestApiOperations.isVariable(part)) {
        parameters.put(part.substring(1, part.length() - 1), segments.get(i));
        score[i] = LABEL;
      } else if (part.equals(segments.get(i))) {
        score[i] = LITERAL;
      } else {
        return null;
      }
    }
    return template.size() == segments.size() ? score : null;
  }

  private static int compare(int[] a, int[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return 0;
  }

  private static List<String> templateSegments(String resourcePath) {
    List<String> parts = new ArrayList<>();
    for (String part : resourcePath.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  /** The call's path segments, percent-decoded; empty segments (and a trailing slash) dropped. */
  private static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(decode(segment));
      }
    }
    return segments;
  }

  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return segment;
    }
  }
}
