package io.serverlessstack.fake.internal.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverlessstack.fake.internal.Json;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.protocol.AwsJsonCodec;
import io.serverlessstack.fake.internal.protocol.ModelViolations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * API Gateway's {@code patchOperations} (RFC 6902 in spirit, AWS's in detail) applied to one of its
 * SDK model objects: the object goes to its JSON, each operation changes a member named by its path
 * ({@code /name}, a map entry {@code /variables/color}, a list value carried in the path {@code
 * /binaryMediaTypes/image~1png}), and the JSON comes back as a new object. Which paths and
 * operations a resource takes, and how it words a refusal, is its {@link Rules}.
 */
final class Patches {

  private static final Set<String> KNOWN_OPS =
      Set.of("add", "remove", "move", "test", "replace", "copy");

  /** How a member named by a path changes. */
  enum Kind {
    /** A value member: {@code replace} (or {@code add}) sets it, {@code remove} clears it. */
    VALUE,
    /** A map, the entry's key being the rest of the path. */
    MAP_ENTRY,
    /** A list of strings whose value is the rest of the path ({@code binaryMediaTypes}). */
    LIST_VALUE_IN_PATH
  }

  /**
   * One member a resource lets patches change.
   *
   * @param member the member's location name, the path's first segment
   * @param kind how it changes
   * @param ops the operations it takes
   */
  record Member(String member, Kind kind, Set<String> ops) {}

  /** What a resource lets patches change, and how it refuses the rest. */
  interface Rules {

    /** The input's name in AWS's validation messages, e.g. {@code updateRestApiInput}. */
    String inputName();

    List<Member> members();

    /** The refusal of an operation whose path or op the resource does not take. */
    AwsErrorException refuse(String op, String path);
  }

  /** Rules from a table, refusing with AWS's {@code Invalid patch path …} wording. */
  static Rules rules(String inputName, Member... members) {
    List<Member> table = List.of(members);
    return new Rules() {
      @Override
      public String inputName() {
        return inputName;
      }

      @Override
      public List<Member> members() {
        return table;
      }

      @Override
      public AwsErrorException refuse(String op, String path) {
        return ApiGatewayErrors.badRequest("Invalid patch path " + path);
      }
    };
  }

  static Member value(String member, String... ops) {
    return new Member(member, Kind.VALUE, Set.of(ops.length == 0 ? new String[] {"replace"} : ops));
  }

  static Member mapEntry(String member) {
    return new Member(member, Kind.MAP_ENTRY, Set.of("add", "replace", "remove"));
  }

  static Member listValueInPath(String member) {
    return new Member(member, Kind.LIST_VALUE_IN_PATH, Set.of("add", "remove", "replace"));
  }

  private Patches() {}

  /**
   * {@code current} with {@code operations} applied, in order.
   *
   * @param emptyBuilder a builder of {@code current}'s type with nothing set
   * @throws AwsErrorException AWS's {@code ValidationException} for unknown ops (all of them
   *     together), else the resource's refusal of the first operation it does not take
   */
  @SuppressWarnings("unchecked")
  static <T extends SdkPojo> T apply(
      T current,
      Supplier<? extends SdkPojo> emptyBuilder,
      List<PatchOperation> operations,
      Rules rules) {
    ModelViolations violations = new ModelViolations();
    for (int i = 0; i < operations.size(); i++) {
      String op = operations.get(i).opAsString();
      if (op != null && !KNOWN_OPS.contains(op)) {
        violations.add(
            rules.inputName() + ".patchOperations." + (i + 1) + ".member.op",
            op,
            "Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
      }
    }
    violations.throwIfAny();
    SdkPojo builder = emptyBuilder.get();
    ObjectNode tree = Json.read(AwsJsonCodec.JSON.write(current), ObjectNode.class);
    for (PatchOperation operation : operations) {
      applyOne(tree, builder, operation, rules);
    }
    return (T) AwsJsonCodec.JSON.read(Json.write(tree), builder);
  }

  private static void applyOne(
      ObjectNode tree, SdkPojo builder, PatchOperation operation, Rules rules) {
    String op = operation.opAsString();
    String path = operation.path();
    if (path == null || !path.startsWith("/")) {
      throw ApiGatewayErrors.badRequest("Invalid patch path " + path);
    }
    List<String> segments = segments(path);
    Member member = null;
    for (Member candidate : rules.members()) {
      if (candidate.member().equals(segments.get(0))) {
        member = candidate;
      }
    }
    boolean pathFits = member != null && segments.size() == (member.kind() == Kind.VALUE ? 1 : 2);
    if (!pathFits || op == null || !member.ops().contains(op)) {
      throw rules.refuse(op, path);
    }
    SdkField<?> field = builder.sdkFieldNameToField().get(fieldName(builder, member.member()));
    // A key holding a slash comes escaped (`/requestModels/application~1json`); AWS refuses it
    // bare.
    String rest = segments.size() > 1 ? segments.get(1) : null;
    switch (member.kind()) {
      case VALUE:
        if (op.equals("remove")) {
          tree.remove(member.member());
        } else {
          tree.set(member.member(), typed(field, operation.value()));
        }
        break;
      case MAP_ENTRY:
        ObjectNode map =
            tree.has(member.member()) && tree.get(member.member()).isObject()
                ? (ObjectNode) tree.get(member.member())
                : tree.putObject(member.member());
        if (op.equals("remove")) {
          map.remove(rest);
        } else {
          map.set(rest, typed(mapValueField(field), operation.value()));
        }
        break;
      case LIST_VALUE_IN_PATH:
        ArrayNode list =
            tree.has(member.member()) && tree.get(member.member()).isArray()
                ? (ArrayNode) tree.get(member.member())
                : tree.putArray(member.member());
        List<JsonNode> kept = new ArrayList<>();
        list.forEach(kept::add);
        list.removeAll();
        for (JsonNode value : kept) {
          if (!value.asText().equals(rest)) {
            list.add(value);
          }
        }
        if (op.equals("add")) {
          list.add(rest);
        } else if (op.equals("replace") && operation.value() != null) {
          list.add(operation.value());
        }
        break;
      default:
        throw new IllegalStateException(member.kind().name());
    }
  }

  /** The path's segments, {@code ~1} and {@code ~0} unescaped as JSON Pointer escapes them. */
  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.substring(1).split("/", -1)) {
      segments.add(segment.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  private static String fieldName(SdkPojo builder, String locationName) {
    for (SdkField<?> field : builder.sdkFields()) {
      if (locationName.equals(field.locationName())) {
        return field.memberName();
      }
    }
    return locationName;
  }

  private static SdkField<?> mapValueField(SdkField<?> map) {
    if (map == null) {
      return null;
    }
    MapTrait trait = map.getTrait(MapTrait.class);
    return trait == null ? null : trait.valueFieldInfo();
  }

  /** A patch's string value as the member's JSON type. */
  private static JsonNode typed(SdkField<?> field, String value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    MarshallingKnownType type = field == null ? null : field.marshallingType().getKnownType();
    if (type == MarshallingKnownType.BOOLEAN) {
      if (!value.equals("true") && !value.equals("false")) {
        throw ApiGatewayErrors.badRequest("Invalid boolean value specified: " + value);
      }
      return nodes.booleanNode(Boolean.parseBoolean(value));
    }
    if (type == MarshallingKnownType.INTEGER || type == MarshallingKnownType.LONG) {
      try {
        return nodes.numberNode(Long.parseLong(value));
      } catch (NumberFormatException e) {
        throw ApiGatewayErrors.badRequest("Invalid number value specified: " + value);
      }
    }
    if (type == MarshallingKnownType.DOUBLE) {
      try {
        return nodes.numberNode(Double.parseDouble(value));
      } catch (NumberFormatException e) {
        throw ApiGatewayErrors.badRequest("Invalid number value specified: " + value);
      }
    }
    return nodes.textNode(value);
  }
}
