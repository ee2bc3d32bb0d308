package io.serverlessstack.fake.internal.sns;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.sns.FilterPolicyCompiler.Alternatives;
import io.serverlessstack.fake.internal.sns.FilterPolicyCompiler.Field;
import io.serverlessstack.fake.internal.sns.FilterPolicyCompiler.Member;
import io.serverlessstack.fake.internal.sns.FilterPolicyPattern.Kind;
import io.serverlessstack.fake.internal.sns.FilterPolicyPattern.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A subscription filter policy with Amazon SNS's semantics: parsed and validated as SNS does
 * (rejections carry SNS's messages), then matched against a message's attributes or body.
 *
 * <p>What SNS documents (Amazon SNS Developer Guide, "Subscription filter policies" and its
 * sub-pages) holds here: property names are ANDed, the values in a property's array are ORed,
 * {@code "$or"} ORs whole groups of properties; rules are exact strings, numbers, {@code true},
 * {@code false} and {@code null}, {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code wildcard}, {@code anything-but} (values, or {@code prefix}/{@code suffix}/{@code
 * wildcard}), {@code numeric} comparisons and ranges, {@code exists} and {@code cidr}; an array in
 * the message (a {@code String.Array} attribute, a JSON array in the body) matches when one of its
 * elements does; in the body, nested policy objects match nested objects, and the rules for
 * properties inside one array of objects must all match the same element. Binary attributes are
 * ignored. Limits: five keys per policy (leaf keys in the body scope), 150 combinations, 256 KiB.
 *
 * <p>Immutable and thread-safe.
 */
public final class FilterPolicy {

  /** What a subscription's filter policy is applied to: its {@code FilterPolicyScope}. */
  public enum Scope {
    /** {@code MessageAttributes}, the default. */
    MESSAGE_ATTRIBUTES("MessageAttributes"),
    /** {@code MessageBody}: the message must be a JSON object. */
    MESSAGE_BODY("MessageBody");

    private final String attributeValue;

    Scope(String attributeValue) {
      this.attributeValue = attributeValue;
    }

    /** The value of the {@code FilterPolicyScope} subscription attribute. */
    public String attributeValue() {
      return attributeValue;
    }

    /**
     * The scope named by a {@code FilterPolicyScope} attribute value.
     *
     * @param attributeValue {@code MessageAttributes}, {@code MessageBody}, or {@code null} for the
     *     default
     * @throws FilterPolicyException for any other value, with SNS's message
     */
    public static Scope of(String attributeValue) {
      if (attributeValue == null) {
        return MESSAGE_ATTRIBUTES;
      }
      for (Scope scope : values()) {
        if (scope.attributeValue.equals(attributeValue)) {
          return scope;
        }
      }
      throw new FilterPolicyException(
          "FilterPolicyScope: Invalid value ["
              + attributeValue
              + "]. Please use either MessageBody or MessageAttributes");
    }
  }

  /**
   * The outcome of matching one message.
   *
   * @param matched whether the subscription accepts the message
   * @param failedRule when it does not, which property and rule failed, e.g. {@code "store":
   *     ["example_corp"] did not match "other_corp"} or {@code "price_usd" missing}; else {@code
   *     null}
   */
  public record Match(boolean matched, String failedRule) {

    /** The message is accepted. */
    public static final Match MATCHED = new Match(true, null);

    static Match failed(String failedRule) {
      return new Match(false, Objects.requireNonNull(failedRule, "failedRule"));
    }
  }

  /** SNS's maximum size of a filter policy (Filter policy constraints). */
  static final int MAX_BYTES = 256 * 1024;

  static final int MAX_KEYS = 5;
  static final int MAX_COMBINATIONS = 150;

  /**
   * Jackson with its defaults, as SNS parses policies: its messages for malformed JSON are SNS's,
   * with the source redacted from the location.
   */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Scope scope;

  /** The policy in disjunctive normal form: any branch whose fields all match; none = match all. */
  private final List<List<Field>> branches;

  /** Every field path, and every proper prefix of one: what the body walk has to look at. */
  private final Set<String> paths;

  private final Set<String> prefixes;

  private FilterPolicy(Scope scope, List<List<Field>> branches) {
    this.scope = scope;
    this.branches = branches;
    Set<String> paths = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    for (List<Field> branch : branches) {
      for (Field field : branch) {
        paths.add(field.path());
        for (int dot = field.path().indexOf('.');
            dot >= 0;
            dot = field.path().indexOf('.', dot + 1)) {
          prefixes.add(field.path().substring(0, dot));
        }
      }
    }
    this.paths = Set.copyOf(paths);
    this.prefixes = Set.copyOf(prefixes);
  }

  /**
   * Parses and validates a filter policy as SNS does when it is set.
   *
   * @param json the {@code FilterPolicy} attribute value; {@code "{}"} (and {@code ""}, which
   *     removes a policy) accept every message
   * @param scope what the policy applies to
   * @throws FilterPolicyException if SNS would refuse the policy; its message is SNS's
   */
  public static FilterPolicy parse(String json, Scope scope) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(scope, "scope");
    if (json.isEmpty()) {
      return new FilterPolicy(scope, List.of());
    }
    // The 256 KB limit is documented; SNS's wording for it is not recorded anywhere public.
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new FilterPolicyException("FilterPolicy: Filter policy is too large");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new FilterPolicyException("FilterPolicy: failed to parse JSON. " + e.getMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new FilterPolicyException(
          "FilterPolicy: failed to parse JSON. No content to map due to end-of-input");
    }
    if (root.isObject() && root.isEmpty()) {
      // "To stop filtering ... remove the subscription's filter policy by overwriting it with an
      // empty JSON body" (Removing a subscription filter policy).
      return new FilterPolicy(scope, List.of());
    }
    String compact;
    try {
      compact = JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    List<Member> members = FilterPolicyCompiler.compile(root, compact);
    List<List<Field>> branches = expand(members);
    // SNS checks these after its rule compiler accepts the policy (their messages have no
    // location); which of them comes first when several fail is not recorded.
    for (List<Field> branch : branches) {
      if (branch.stream().map(Field::path).distinct().count() > MAX_KEYS) {
        throw new FilterPolicyException(
            "FilterPolicy: Filter policy can not have more than " + MAX_KEYS + " keys");
      }
    }
    if (scope == Scope.MESSAGE_ATTRIBUTES
        && branches.stream().flatMap(List::stream).anyMatch(field -> field.depth() > 1)) {
      throw new FilterPolicyException(
          "Filter policy scope MessageAttributes does not support nested filter policy");
    }
    if (combinations(branches) > MAX_COMBINATIONS || wildcardComplexityExceeded(branches)) {
      throw new FilterPolicyException("FilterPolicy: Filter policy is too complex");
    }
    return new FilterPolicy(scope, branches);
  }

  /** The scope this policy was parsed for. */
  public Scope scope() {
    return scope;
  }

  /**
   * Matches a message's attributes (scope {@code MessageAttributes}).
   *
   * <p>{@code String} attributes (and custom {@code String.x} types) are strings, {@code Number}
   * attributes are numbers, a {@code String.Array} is a JSON array whose elements keep their JSON
   * types; {@code Binary} attributes are ignored. A message without attributes matches no policy,
   * not even {@code {"exists": false}} (Key matching).
   */
  public Match matchAttributes(Map<String, Delivery.Attribute> attributes) {
    if (branches.isEmpty()) {
      return Match.MATCHED;
    }
    Map<String, List<Leaf>> leaves = new HashMap<>();
    if (attributes != null) {
      attributes.forEach((name, attribute) -> leaves.put(name, attributeLeaves(attribute)));
      leaves.values().removeIf(Objects::isNull);
    }
    if (leaves.isEmpty()) {
      return Match.failed(
          describe(branches.get(0).get(0), List.of()) + " (the message has no attributes)");
    }
    return match(path -> leaves.getOrDefault(path, List.of()));
  }

  /**
   * Matches a message body (scope {@code MessageBody}). A body that is not a JSON object matches no
   * policy.
   */
  public Match matchBody(String body) {
    if (branches.isEmpty()) {
      return Match.MATCHED;
    }
    Map<String, List<Leaf>> leaves = new HashMap<>();
    try (JsonParser parser = JSON.createParser(body == null ? "" : body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Match.failed("the message body is not a JSON object");
      }
      new BodyWalk(parser, leaves).object("", Map.of());
      if (parser.nextToken() != null) {
        return Match.failed("the message body is not a JSON object");
      }
    } catch (JsonProcessingException e) {
      return Match.failed("the message body is not a JSON object");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return match(path -> leaves.getOrDefault(path, List.of()));
  }

  @Override
  public String toString() {
    return "FilterPolicy[" + scope.attributeValue() + ", " + branches.size() + " branch(es)]";
  }

  // ---- validation ------------------------------------------------------------------------------

  /**
   * The policy as alternatives of plain ANDs: {@code "$or"} multiplies out. More branches than the
   * combination limit can only fail it, so expansion stops there.
   */
  private static List<List<Field>> expand(List<Member> members) {
    List<List<Field>> branches = new ArrayList<>();
    branches.add(List.of());
    for (Member member : members) {
      List<List<Field>> next = new ArrayList<>();
      for (List<Field> branch : branches) {
        if (member instanceof Field field) {
          next.add(append(branch, List.of(field)));
        } else {
          for (List<Member> alternative : ((Alternatives) member).alternatives()) {
            for (List<Field> tail : expand(alternative)) {
              next.add(append(branch, tail));
            }
          }
        }
        if (next.size() > MAX_COMBINATIONS) {
          throw new FilterPolicyException("FilterPolicy: Filter policy is too complex");
        }
      }
      branches = next;
    }
    return List.copyOf(branches);
  }

  private static List<Field> append(List<Field> head, List<Field> tail) {
    List<Field> all = new ArrayList<>(head);
    all.addAll(tail);
    return List.copyOf(all);
  }

  /**
   * SNS's complexity: per branch of {@code "$or"}, the product over its properties of the number of
   * values times the nesting level; summed over the branches (Filter policy constraints, AND/OR
   * logic).
   */
  private static long combinations(List<List<Field>> branches) {
    long total = 0;
    for (List<Field> branch : branches) {
      long product = 1;
      for (Field field : branch) {
        product = Math.min(product * field.rules().size() * field.depth(), Integer.MAX_VALUE);
      }
      total += product;
    }
    return total;
  }

  /**
   * SNS's wildcard guidelines (Filter policy constraints): at most three wildcards per pattern; per
   * property, the sum of its patterns' points times its number of patterns, and at most 100 points
   * in all (one wildcard 1 point, several 3 points each, anything-but 1 point).
   */
  private static boolean wildcardComplexityExceeded(List<List<Field>> branches) {
    long total = 0;
    Set<Field> seen = new LinkedHashSet<>();
    branches.forEach(seen::addAll);
    for (Field field : seen) {
      long points = 0;
      boolean wildcards = false;
      for (FilterPolicyPattern rule : field.rules()) {
        FilterPolicyPattern.Wildcard wildcard = null;
        if (rule instanceof FilterPolicyPattern.Wildcard w) {
          wildcard = w;
        } else if (rule instanceof FilterPolicyPattern.AnythingButPattern but) {
          points++;
          if (but.inner() instanceof FilterPolicyPattern.Wildcard w) {
            wildcard = w;
          }
        } else if (rule instanceof FilterPolicyPattern.AnythingBut) {
          points++;
        }
        if (wildcard != null) {
          wildcards = true;
          int count = wildcard.wildcards();
          if (count > 3) {
            return true;
          }
          points += count <= 1 ? count : 3L * count;
        }
      }
      if (wildcards) {
        total += points * field.rules().size();
      }
    }
    return total > 100;
  }

  // ---- matching --------------------------------------------------------------------------------

  /**
   * One scalar the message has at a path, with the array elements it is inside: {@code elements}
   * maps an array (numbered in walk order) to the index of the element holding the value.
   */
  private record Leaf(Value value, Map<Integer, Integer> elements) {

    boolean compatible(Map<Integer, Integer> chosen) {
      for (Map.Entry<Integer, Integer> entry : elements.entrySet()) {
        Integer other = chosen.get(entry.getKey());
        if (other != null && !other.equals(entry.getValue())) {
          return false;
        }
      }
      return true;
    }
  }

  private Match match(Function<String, List<Leaf>> leavesAt) {
    String firstFailure = null;
    for (List<Field> branch : branches) {
      String failure = matchBranch(branch, leavesAt);
      if (failure == null) {
        return Match.MATCHED;
      }
      if (firstFailure == null) {
        firstFailure = failure;
      }
    }
    return Match.failed(
        branches.size() == 1
            ? firstFailure
            : "no \"$or\" alternative matched; the first failed on " + firstFailure);
  }

  /** {@code null} if every field of the branch matches, else why not. */
  private static String matchBranch(List<Field> branch, Function<String, List<Leaf>> leavesAt) {
    List<List<Leaf>> candidates = new ArrayList<>();
    List<Boolean> absentOk = new ArrayList<>();
    for (Field field : branch) {
      List<Leaf> leaves = leavesAt.apply(field.path());
      List<Leaf> matching =
          leaves.stream()
              .filter(leaf -> field.rules().stream().anyMatch(rule -> rule.matches(leaf.value())))
              .toList();
      boolean absent =
          field.acceptsAbsence() && leaves.stream().allMatch(l -> l.value().kind() == Kind.NULL);
      if (matching.isEmpty() && !absent) {
        return describe(field, leaves);
      }
      candidates.add(matching);
      absentOk.add(absent);
    }
    if (choose(0, candidates, absentOk, Map.of())) {
      return null;
    }
    return branch.stream()
            .map(field -> "\"" + field.path() + "\"")
            .collect(Collectors.joining(", "))
        + " matched only in different elements of the same array";
  }

  /**
   * Whether each field can take one of its candidate values (or accept absence) such that values
   * inside the same array come from the same element, as SNS requires for arrays of objects.
   */
  private static boolean choose(
      int index,
      List<List<Leaf>> candidates,
      List<Boolean> absentOk,
      Map<Integer, Integer> chosen) {
    if (index == candidates.size()) {
      return true;
    }
    for (Leaf leaf : candidates.get(index)) {
      if (leaf.compatible(chosen)) {
        Map<Integer, Integer> next = new HashMap<>(chosen);
        next.putAll(leaf.elements());
        if (choose(index + 1, candidates, absentOk, next)) {
          return true;
        }
      }
    }
    return absentOk.get(index) && choose(index + 1, candidates, absentOk, chosen);
  }

  private static String describe(Field field, List<Leaf> leaves) {
    String key = FilterPolicyPattern.quote(field.path());
    if (leaves.isEmpty()) {
      return field.acceptsAbsence()
          ? key + ": " + field.json() + " did not match"
          : key + " missing";
    }
    String values =
        leaves.size() == 1
            ? leaves.get(0).value().toJson()
            : leaves.stream()
                .map(leaf -> leaf.value().toJson())
                .collect(Collectors.joining(",", "[", "]"));
    return key + ": " + field.json() + " did not match " + values;
  }

  /** An attribute's values; {@code null} for the ignored ones (Binary, or without a value). */
  private static List<Leaf> attributeLeaves(Delivery.Attribute attribute) {
    String type = attribute.dataType();
    String text = attribute.stringValue();
    if (type.startsWith("Binary") || text == null) {
      return null;
    }
    if (type.equals("String.Array") || type.equals("Number.Array")) {
      List<Leaf> leaves = new ArrayList<>();
      try (JsonParser parser = JSON.createParser(text)) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_ARRAY) {
          arrayElements(parser, leaves);
        } else if (token != null && token.isScalarValue()) {
          leaves.add(new Leaf(scalar(parser, token), Map.of()));
        }
      } catch (IOException e) {
        // Not JSON: there is nothing to compare.
      }
      return leaves;
    }
    Value value = type.startsWith("Number") ? Value.number(text) : Value.string(text);
    return List.of(new Leaf(value, Map.of()));
  }

  private static void arrayElements(JsonParser parser, List<Leaf> leaves) throws IOException {
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == JsonToken.START_ARRAY) {
        arrayElements(parser, leaves);
      } else if (token == JsonToken.START_OBJECT) {
        parser.skipChildren();
      } else {
        leaves.add(new Leaf(scalar(parser, token), Map.of()));
      }
    }
  }

  private static Value scalar(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> Value.string(parser.getText());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> Value.number(parser.getText());
      case VALUE_TRUE -> Value.literal(Kind.TRUE);
      case VALUE_FALSE -> Value.literal(Kind.FALSE);
      default -> Value.literal(Kind.NULL);
    };
  }

  /**
   * Collects the body's values at the policy's paths. Property names join with dots, so a policy
   * key {@code "a.b"} and nested keys {@code {"a": {"b": …}}} reach the same values (as in SNS).
   */
  private final class BodyWalk {
    private final JsonParser parser;
    private final Map<String, List<Leaf>> leaves;
    private int arrays;

    BodyWalk(JsonParser parser, Map<String, List<Leaf>> leaves) {
      this.parser = parser;
      this.leaves = leaves;
    }

    void object(String prefix, Map<Integer, Integer> elements) throws IOException {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        String path = prefix.isEmpty() ? name : prefix + "." + name;
        JsonToken token = parser.nextToken();
        if (paths.contains(path) || prefixes.contains(path)) {
          value(token, path, elements);
        } else {
          parser.skipChildren();
        }
      }
    }

    private void value(JsonToken token, String path, Map<Integer, Integer> elements)
        throws IOException {
      switch (token) {
        case START_OBJECT -> object(path, elements);
        case START_ARRAY -> {
          int array = arrays++;
          int index = 0;
          JsonToken element;
          while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            Map<Integer, Integer> inside = new HashMap<>(elements);
            inside.put(array, index++);
            value(element, path, Map.copyOf(inside));
          }
        }
        default -> {
          if (paths.contains(path)) {
            leaves
                .computeIfAbsent(path, p -> new ArrayList<>())
                .add(new Leaf(scalar(parser, token), elements));
          }
        }
      }
    }
  }
}
