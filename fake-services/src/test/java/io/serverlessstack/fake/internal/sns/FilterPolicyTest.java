package io.serverlessstack.fake.internal.sns;

import static io.serverlessstack.fake.internal.sns.FilterPolicy.Scope.MESSAGE_ATTRIBUTES;
import static io.serverlessstack.fake.internal.sns.FilterPolicy.Scope.MESSAGE_BODY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverlessstack.fake.internal.delivery.Delivery;
import io.serverlessstack.fake.internal.sns.FilterPolicy.Match;
import io.serverlessstack.fake.internal.sns.FilterPolicy.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter policies behave as Amazon SNS's: every expected outcome below comes from the Amazon SNS
 * Developer Guide (the section is named per group), or from SNS's answers recorded against real AWS
 * in public test suites (LocalStack's {@code test_sns_filter_policy.snapshot.json} and {@code
 * test_sns.snapshot.json}, Moto's SNS tests marked as SNS's behaviour); a few cases where neither
 * says anything follow the AWS event-ruler library whose error messages SNS returns, and say so.
 *
 * <p>Messages are written the way the Developer Guide writes them: attributes as {@code {"name":
 * {"Type": …, "Value": …}}}, bodies as JSON.
 */
class FilterPolicyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One policy, one message, the outcome SNS gives. */
  record Case(String source, Scope scope, String policy, String message, boolean matches) {
    @Override
    public String toString() {
      return (matches ? "accepts " : "rejects ")
          + (scope == MESSAGE_BODY ? "body " : "attributes ")
          + message
          + " for "
          + policy
          + " ("
          + source
          + ")";
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  private static void attributes(String source, String policy, String message, boolean matches) {
    CASES.add(new Case(source, MESSAGE_ATTRIBUTES, policy, message, matches));
  }

  private static void body(String source, String policy, String message, boolean matches) {
    CASES.add(new Case(source, MESSAGE_BODY, policy, message, matches));
  }

  static {
    // Developer Guide, "String value matching" > "Exact matching".
    String exact = "String value matching, exact";
    String interests = "{\"customer_interests\": [\"rugby\", \"tennis\"]}";
    attributes(exact, interests, attr("customer_interests", "String", "rugby"), true);
    attributes(exact, interests, attr("customer_interests", "String", "tennis"), true);
    attributes(
        exact,
        interests,
        attr("customer_interests", "String.Array", "[\"rugby\", \"tennis\"]"),
        true);
    attributes(exact, interests, attr("customer_interests", "String", "baseball"), false);
    attributes(
        exact, interests, attr("customer_interests", "String.Array", "[\"baseball\"]"), false);
    body(exact, interests, "{\"customer_interests\": \"rugby\"}", true);
    body(exact, interests, "{\"customer_interests\": \"tennis\"}", true);
    body(exact, interests, "{\"customer_interests\": \"baseball\"}", false);
    // Filter policy constraints: "For string matching ... the comparison is case-sensitive."
    attributes(exact, interests, attr("customer_interests", "String", "Rugby"), false);

    // "String value matching" > "Anything-but matching". The guide's sentence on String.Array
    // ("matches if none of the array elements are listed") contradicts its own examples; the
    // examples, which agree with the numeric section, are followed.
    String but = "String value matching, anything-but";
    String butPolicy = "{\"customer_interests\": [{\"anything-but\": [\"rugby\", \"tennis\"]}]}";
    attributes(but, butPolicy, attr("customer_interests", "String", "baseball"), true);
    attributes(but, butPolicy, attr("customer_interests", "String", "football"), true);
    attributes(
        but,
        butPolicy,
        attr("customer_interests", "String.Array", "[\"rugby\", \"baseball\"]"),
        true);
    attributes(but, butPolicy, attr("customer_interests", "String", "rugby"), false);
    attributes(but, butPolicy, attr("customer_interests", "String.Array", "[\"rugby\"]"), false);
    body(but, butPolicy, "{\"customer_interests\": \"baseball\"}", true);
    body(but, butPolicy, "{\"customer_interests\": \"football\"}", true);
    body(but, butPolicy, "{\"customer_interests\": [\"rugby\", \"baseball\"]}", true);
    body(but, butPolicy, "{\"customer_interests\": [\"rugby\"]}", false);
    // "anything-but can be combined with "exists": false": alone it needs the property.
    attributes(but, butPolicy, attr("other", "String", "x"), false);
    attributes(
        but,
        "{\"customer_interests\": [{\"anything-but\": [\"rugby\"]}, {\"exists\": false}]}",
        attr("other", "String", "x"),
        true);
    // A single value instead of a list (Example filter policies: {"anything-but":
    // "order_cancelled"}); Moto's recorded test_filtering_anything_but.
    String butOne = "{\"customer_interests\": [{\"anything-but\": \"basketball\"}]}";
    attributes(but, butOne, attr("customer_interests", "String", "rugby"), true);
    attributes(but, butOne, attr("customer_interests", "String", "basketball"), false);

    // "String value matching" > "Using a prefix with anything-but".
    String butPrefix = "String value matching, anything-but prefix";
    String orders = "{\"event\": [{\"anything-but\": {\"prefix\": \"order-\"}}]}";
    attributes(butPrefix, orders, attr("event", "String", "data-entry"), true);
    attributes(butPrefix, orders, attr("event", "String", "order_number"), true);
    attributes(butPrefix, orders, attr("event", "String", "order-cancelled"), false);
    body(butPrefix, orders, "{\"event\": \"data-entry\"}", true);
    body(butPrefix, orders, "{\"event\": \"order_number\"}", true);
    body(butPrefix, orders, "{\"event\": \"order-cancelled\"}", false);

    // "String value matching" > "anything-but wildcard" and "anything-but suffix".
    String butWildcard = "String value matching, anything-but wildcard";
    String notBall = "{\"customer_interests\": [{\"anything-but\": {\"wildcard\": \"*ball\"}}]}";
    body(
        butWildcard,
        notBall,
        "{\"customer_interests\": [\"hockey\", \"rugby\", \"soccer\"]}",
        true);
    body(butWildcard, notBall, "{\"customer_interests\": [\"baseball\", \"basketball\"]}", false);
    attributes(
        butWildcard,
        notBall,
        attr("customer_interests", "String.Array", "[\"baseball\", \"basketball\"]"),
        false);
    String butSuffix = "String value matching, anything-but suffix";
    String notSuffix = "{\"customer_interests\": [{\"anything-but\": {\"suffix\": \"ball\"}}]}";
    body(
        butSuffix,
        notSuffix,
        "{\"customer_interests\": [\"hockey\", \"rugby\", \"soccer\"]}",
        true);
    body(butSuffix, notSuffix, "{\"customer_interests\": [\"baseball\", \"basketball\"]}", false);
    attributes(butSuffix, notSuffix, attr("customer_interests", "String", "hockey"), true);

    // "String value matching" > "Equals-ignore-case matching".
    String ignoreCase = "String value matching, equals-ignore-case";
    String tennis = "{\"customer_interests\": [{\"equals-ignore-case\": \"tennis\"}]}";
    attributes(ignoreCase, tennis, attr("customer_interests", "String", "TENNIS"), true);
    attributes(ignoreCase, tennis, attr("customer_interests", "String", "Tennis"), true);
    body(ignoreCase, tennis, "{\"customer_interests\": \"TENNIS\"}", true);
    body(ignoreCase, tennis, "{\"customer_interests\": \"teNnis\"}", true);
    attributes(ignoreCase, tennis, attr("customer_interests", "String", "tenis"), false);

    // "String value matching" > "IP address matching".
    String ip = "String value matching, IP address";
    String subnet = "{\"source_ip\": [{\"cidr\": \"10.0.0.0/24\"}]}";
    attributes(ip, subnet, attr("source_ip", "String", "10.0.0.0"), true);
    attributes(ip, subnet, attr("source_ip", "String", "10.0.0.255"), true);
    attributes(ip, subnet, attr("source_ip", "String", "10.1.1.0"), false);
    body(ip, subnet, "{\"source_ip\": \"10.0.0.0\"}", true);
    body(ip, subnet, "{\"source_ip\": \"10.0.0.255\"}", true);
    body(ip, subnet, "{\"source_ip\": \"10.1.1.0\"}", false);
    // LocalStack's AWS-recorded test_filter_policy_ip_address_condition (IPv4 and IPv6).
    String recorded = "recorded: test_filter_policy_ip_address_condition";
    String both =
        "{\"detail\": {\"$or\": [{\"sourceIPAddress\": [{\"cidr\": \"10.0.0.0/24\"}]},"
            + " {\"sourceIPAddressV6\": [{\"cidr\": \"2001:db8:1234:1a00::/64\"}]}]}}";
    body(
        recorded, both, "{\"id\": \"1\", \"detail\": {\"sourceIPAddress\": \"10.0.0.255\"}}", true);
    body(
        recorded,
        both,
        "{\"id\": \"2\", \"detail\": {\"sourceIPAddress\": \"10.0.0.256\"}}",
        false);
    body(
        recorded,
        both,
        "{\"id\": \"3\", \"detail\": {\"sourceIPAddressV6\":"
            + " \"2001:0db8:1234:1a00:0000:0000:0000:0000\"}}",
        true);
    body(
        recorded,
        both,
        "{\"id\": \"4\", \"detail\": {\"sourceIPAddressV6\":"
            + " \"2001:0db8:123f:1a01:0000:0000:0000:0000\"}}",
        false);

    // "String value matching" > "Prefix matching", "Suffix matching", "Wildcard".
    String prefix = "String value matching, prefix";
    String bas = "{\"customer_interests\": [{\"prefix\": \"bas\"}]}";
    attributes(prefix, bas, attr("customer_interests", "String", "baseball"), true);
    attributes(prefix, bas, attr("customer_interests", "String", "basketball"), true);
    attributes(prefix, bas, attr("customer_interests", "String", "rugby"), false);
    body(prefix, bas, "{\"customer_interests\": \"baseball\"}", true);
    body(prefix, bas, "{\"customer_interests\": \"basketball\"}", true);
    body(prefix, bas, "{\"customer_interests\": \"rugby\"}", false);
    String suffix = "String value matching, suffix";
    String ball = "{\"customer_interests\": [{\"suffix\": \"ball\"}]}";
    attributes(suffix, ball, attr("customer_interests", "String", "baseball"), true);
    attributes(suffix, ball, attr("customer_interests", "String", "basketball"), true);
    attributes(suffix, ball, attr("customer_interests", "String", "rugby"), false);
    body(suffix, ball, "{\"customer_interests\": \"baseball\"}", true);
    body(suffix, ball, "{\"customer_interests\": \"basketball\"}", true);
    body(suffix, ball, "{\"customer_interests\": \"rugby\"}", false);
    String wildcard = "String value matching, wildcard";
    String starBall = "{\"customer_interests\": [{\"wildcard\": \"*ball\"}]}";
    body(wildcard, starBall, "{\"customer_interests\": [\"baseball\", \"basketball\"]}", true);
    attributes(wildcard, starBall, attr("customer_interests", "String", "baseball"), true);
    attributes(wildcard, starBall, attr("customer_interests", "String", "rugby"), false);
    body(wildcard, "{\"k\": [{\"wildcard\": \"a*b*c\"}]}", "{\"k\": \"a-b-c\"}", true);
    body(wildcard, "{\"k\": [{\"wildcard\": \"a*b*c\"}]}", "{\"k\": \"a-c-b\"}", false);

    // "Numeric value matching" > "Exact matching".
    String numericExact = "Numeric value matching, exact";
    String price = "{\"price_usd\": [{\"numeric\": [\"=\", 301.5]}]}";
    attributes(numericExact, price, attr("price_usd", "Number", "301.5"), true);
    attributes(numericExact, price, attr("price_usd", "Number", "3.015e2"), true);
    body(numericExact, price, "{\"price_usd\": 301.5}", true);
    body(numericExact, price, "{\"price_usd\": 3.015e2}", true);
    attributes(numericExact, price, attr("price_usd", "Number", "301.6"), false);

    // "Numeric value matching" > "Anything-but matching".
    String numericBut = "Numeric value matching, anything-but";
    String notPrice = "{\"price\": [{\"anything-but\": [100, 500]}]}";
    attributes(numericBut, notPrice, attr("price", "Number", "101"), true);
    attributes(numericBut, notPrice, attr("price", "Number", "100.1"), true);
    attributes(numericBut, notPrice, attr("price", "Number.Array", "[100, 50]"), true);
    body(numericBut, notPrice, "{\"price\": 101}", true);
    body(numericBut, notPrice, "{\"price\": 100.1}", true);
    body(numericBut, notPrice, "{\"price\": [100, 50]}", true);
    attributes(numericBut, notPrice, attr("price", "Number", "100"), false);
    body(numericBut, notPrice, "{\"price\": 100}", false);

    // "Numeric value matching" > "Value range matching".
    String range = "Numeric value matching, range";
    String negative = "{\"price_usd\": [{\"numeric\": [\"<\", 0]}]}";
    attributes(range, negative, attr("price_usd", "Number", "-0.5"), true);
    attributes(range, negative, attr("price_usd", "Number", "0"), false);
    body(range, negative, "{\"price_usd\": -3}", true);
    String upTo150 = "{\"price_usd\": [{\"numeric\": [\">\", 0, \"<=\", 150]}]}";
    attributes(range, upTo150, attr("price_usd", "Number", "150"), true);
    attributes(range, upTo150, attr("price_usd", "Number", "0.5"), true);
    attributes(range, upTo150, attr("price_usd", "Number", "0"), false);
    attributes(range, upTo150, attr("price_usd", "Number", "150.5"), false);
    body(range, upTo150, "{\"price_usd\": 75}", true);
    body(range, upTo150, "{\"price_usd\": 151}", false);
    // LocalStack's AWS-recorded test_filter_policy: 111 is outside (0, 100].
    attributes(
        "recorded: test_filter_policy",
        "{\"attr1\": [{\"numeric\": [\">\", 0, \"<=\", 100]}]}",
        attr("attr1", "Number", "111"),
        false);
    attributes(
        range,
        "{\"n\": [{\"numeric\": [\">=\", 10]}, {\"numeric\": [\"<\", 0]}]}",
        attr("n", "Number", "10"),
        true);

    // "Key matching".
    String key = "Key matching";
    String store = "{\"store\": [{\"exists\": true}]}";
    String storeAndInterests =
        attrs(
            "store",
            "String",
            "fans",
            "customer_interests",
            "String.Array",
            "[\"baseball\", \"basketball\"]");
    String interestsOnly =
        attr("customer_interests", "String.Array", "[\"baseball\", \"basketball\"]");
    attributes(key, store, storeAndInterests, true);
    attributes(key, store, interestsOnly, false);
    body(key, store, "{\"store\": \"fans\", \"customer_interests\": [\"baseball\"]}", true);
    body(key, store, "{\"customer_interests\": [\"baseball\", \"basketball\"]}", false);
    // "The key must have a non-null and non-empty value"; "exists works only on leaf nodes".
    body(key, store, "{\"store\": null, \"other\": 1}", false);
    body(key, store, "{\"store\": [], \"other\": 1}", false);
    body(key, store, "{\"store\": {\"name\": \"fans\"}}", false);
    String noStore = "{\"store\": [{\"exists\": false}]}";
    attributes(key, noStore, storeAndInterests, false);
    attributes(key, noStore, interestsOnly, true);
    body(key, noStore, "{\"store\": \"fans\", \"customer_interests\": [\"baseball\"]}", false);
    body(key, noStore, "{\"customer_interests\": [\"baseball\", \"basketball\"]}", true);
    // ""exists": false only matches if at least one attribute is present."
    attributes(key, noStore, "{}", false);

    // "AND/OR logic" > "AND logic", "OR logic".
    String and = "AND/OR logic, AND";
    String rugbyOver100 =
        "{\"customer_interests\": [\"rugby\"], \"price_usd\": [{\"numeric\": [\">\", 100]}]}";
    attributes(
        and,
        rugbyOver100,
        attrs("customer_interests", "String", "rugby", "price_usd", "Number", "100.5"),
        true);
    attributes(
        and,
        rugbyOver100,
        attrs("customer_interests", "String", "rugby", "price_usd", "Number", "100"),
        false);
    attributes(and, rugbyOver100, attr("customer_interests", "String", "rugby"), false);
    body(and, rugbyOver100, "{\"customer_interests\": \"rugby\", \"price_usd\": 101}", true);
    body(and, rugbyOver100, "{\"customer_interests\": \"soccer\", \"price_usd\": 101}", false);
    String or = "AND/OR logic, OR";
    String threeSports = "{\"customer_interests\": [\"rugby\", \"football\", \"baseball\"]}";
    attributes(or, threeSports, attr("customer_interests", "String", "football"), true);
    attributes(or, threeSports, attr("customer_interests", "String", "tennis"), false);
    body(or, threeSports, "{\"customer_interests\": \"baseball\"}", true);

    // "AND/OR logic" > "OR operator".
    String orOperator = "AND/OR logic, OR operator";
    String cloudwatch =
        "{\"source\": [\"aws.cloudwatch\"], \"$or\": [{\"metricName\": [\"CPUUtilization\"]},"
            + " {\"namespace\": [\"AWS/EC2\"]}]}";
    attributes(
        orOperator,
        cloudwatch,
        attrs("source", "String", "aws.cloudwatch", "metricName", "String", "CPUUtilization"),
        true);
    attributes(
        orOperator,
        cloudwatch,
        attrs("source", "String", "aws.cloudwatch", "namespace", "String", "AWS/EC2"),
        true);
    attributes(orOperator, cloudwatch, attr("source", "String", "aws.cloudwatch"), false);
    attributes(orOperator, cloudwatch, attr("metricName", "String", "CPUUtilization"), false);
    body(
        orOperator,
        cloudwatch,
        "{\"source\": \"aws.cloudwatch\", \"metricName\": \"CPUUtilization\"}",
        true);
    body(
        orOperator,
        cloudwatch,
        "{\"source\": \"aws.cloudwatch\", \"namespace\": \"AWS/EC2\"}",
        true);
    body(orOperator, cloudwatch, "{\"source\": \"aws.events\", \"namespace\": \"AWS/EC2\"}", false);
    // LocalStack's AWS-recorded test_filter_policy_on_message_body_or_attribute: 7 rejected, 5
    // accepted.
    String orRecorded = "recorded: test_filter_policy_on_message_body_or_attribute";
    String nestedOr =
        "{\"$or\": [{\"metricName\": [\"CPUUtilization\", \"ReadLatency\"]},"
            + " {\"namespace\": [\"AWS/EC2\", \"AWS/ES\"]}], \"detail\": {\"scope\": [\"Service\"],"
            + " \"$or\": [{\"source\": [\"aws.cloudwatch\"]}, {\"type\": [\"CloudWatch Alarm State"
            + " Change\"]}]}}";
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"aws.cloudwatch\", \"type\":"
            + " \"CloudWatch Alarm State Change\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", \"type\":"
            + " \"CPUUtilization\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"type\": \"CloudWatch Alarm State"
            + " Change\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"scope\": \"Service\"}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"AWS/EC2\", \"detail\": {\"scope\": \"Service\", \"type\":"
            + " \"CloudWatch Alarm State Change\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"namespace\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", \"type\":"
            + " \"CloudWatch Alarm State Change\"}}",
        false);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", \"source\":"
            + " \"aws.cloudwatch\"}}",
        true);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"ReadLatency\", \"detail\": {\"scope\": \"Service\", \"source\":"
            + " \"aws.cloudwatch\"}}",
        true);
    body(
        orRecorded,
        nestedOr,
        "{\"namespace\": \"AWS/EC2\", \"detail\": {\"scope\": \"Service\", \"source\":"
            + " \"aws.cloudwatch\"}}",
        true);
    body(
        orRecorded,
        nestedOr,
        "{\"namespace\": \"AWS/ES\", \"detail\": {\"scope\": \"Service\", \"source\":"
            + " \"aws.cloudwatch\"}}",
        true);
    body(
        orRecorded,
        nestedOr,
        "{\"metricName\": \"CPUUtilization\", \"detail\": {\"scope\": \"Service\", \"type\":"
            + " \"CloudWatch Alarm State Change\"}}",
        true);

    // "Example filter policies": the example message, in both scopes.
    String examples = "Example filter policies";
    String accepting =
        "{\"store\": [\"example_corp\"], \"event\": [{\"anything-but\": \"order_cancelled\"}],"
            + " \"customer_interests\": [\"rugby\", \"football\", \"baseball\"], \"price_usd\":"
            + " [{\"numeric\": [\">=\", 100]}]}";
    String rejecting =
        "{\"store\": [\"example_corp\"], \"event\": [\"order_cancelled\"], \"encrypted\":"
            + " [false], \"customer_interests\": [\"basketball\", \"baseball\"]}";
    String exampleAttributes =
        "{\"customer_interests\": {\"Type\": \"String.Array\", \"Value\": \"[\\\"soccer\\\","
            + " \\\"rugby\\\", \\\"hockey\\\"]\"}, \"store\": {\"Type\": \"String\", \"Value\":"
            + " \"example_corp\"}, \"event\": {\"Type\": \"String\", \"Value\": \"order_placed\"},"
            + " \"price_usd\": {\"Type\": \"Number\", \"Value\": \"210.75\"}}";
    String exampleBody =
        "{\"customer_interests\": [\"soccer\", \"rugby\", \"hockey\"], \"store\":"
            + " \"example_corp\", \"event\": \"order_placed\", \"price_usd\": 210.75}";
    attributes(examples, accepting, exampleAttributes, true);
    body(examples, accepting, exampleBody, true);
    attributes(examples, rejecting, exampleAttributes, false);
    body(examples, rejecting, exampleBody, false);

    // Attribute types. Filter policy constraints: "Number is supported for numeric attribute
    // values"; "Amazon SNS ignores message attributes with the Binary data type". A value keeps its
    // type: Moto's SNS tests (test_filtering_exact_number_with_string_no_match,
    // test_filtering_anything_but_numeric_string, test_filtering_string_array_with_number_*, the
    // last two marked "the correct behavior from SNS").
    String types = "attribute types";
    attributes(types, "{\"price\": [100]}", attr("price", "Number", "100"), true);
    attributes(types, "{\"price\": [100]}", attr("price", "Number", "100.0"), true);
    attributes(types, "{\"price\": [100]}", attr("price", "Number", "101"), false);
    attributes(types, "{\"price\": [100]}", attr("price", "String", "100"), false);
    body(types, "{\"price\": [100]}", "{\"price\": \"100\"}", false);
    attributes(types, "{\"price\": [\"100\"]}", attr("price", "Number", "100"), false);
    attributes(
        types,
        "{\"customer_interests\": [{\"anything-but\": [\"100\"]}]}",
        attr("customer_interests", "Number", "100"),
        true);
    attributes(types, "{\"n\": [{\"numeric\": [\">\", 0]}]}", attr("n", "String", "5"), false);
    attributes(types, "{\"n\": [{\"prefix\": \"12\"}]}", attr("n", "Number", "12345"), false);
    attributes(types, "{\"price\": [100, 500]}", attr("price", "String.Array", "[100, 50]"), true);
    attributes(types, "{\"price\": [500]}", attr("price", "String.Array", "[100, 50]"), false);
    attributes(types, "{\"price\": [100, 500]}", attr("price", "String.Array", "100"), true);
    attributes(types, "{\"price\": [100]}", attr("price", "String.Array", "one hundred"), false);
    attributes(types, "{\"price\": [100.123456789]}", attr("price", "Number", "100.1234567"), true);
    attributes(types, "{\"flag\": [true]}", attr("flag", "String.Array", "[true, false]"), true);
    attributes(types, "{\"k\": [\"v\"]}", attr("k", "String.custom", "v"), true);
    attributes(
        types, "{\"n\": [{\"numeric\": [\">\", 1]}]}", attr("n", "Number.custom", "2"), true);
    String binary = attrs("signature", "Binary", "AQID", "region", "String", "EU");
    attributes(types, "{\"signature\": [{\"exists\": true}]}", binary, false);
    attributes(types, "{\"signature\": [{\"exists\": false}]}", binary, true);
    attributes(types, "{\"signature\": [\"AQID\"]}", binary, false);
    attributes(
        types, "{\"signature\": [{\"exists\": false}]}", attr("sig", "Binary", "AQID"), false);

    // null: "The JSON of the filter policy can contain ... the keywords true, false, and null"; a
    // missing property is not null (LocalStack's AWS-recorded test_filter_policy).
    String nulls = "null values";
    body(nulls, "{\"attr\": [null]}", "{\"attr\": null}", true);
    body(nulls, "{\"attr\": [null]}", "{\"other\": null}", false);
    body(nulls, "{\"attr\": [null]}", "{\"attr\": \"null\"}", false);
    attributes(
        "recorded: test_filter_policy",
        "{\"attr1\": [null, {\"anything-but\": \"whatever\"}]}",
        "{}",
        false);
    body(nulls, "{\"attr\": [false]}", "{\"attr\": false}", true);
    body(nulls, "{\"attr\": [false]}", "{\"attr\": \"false\"}", false);

    // Payload-based filtering: nested policies, dotted keys, arrays (LocalStack's AWS-recorded
    // test_filter_policy_on_message_body_*).
    String dots = "recorded: test_filter_policy_on_message_body_dot_attribute";
    String dotted = "{\"object.nested\": [\"string.value\"]}";
    body(dots, dotted, "{\"object\": {\"nested\": \"string.value\"}}", true);
    body(dots, dotted, "{\"object.nested\": \"string.value\"}", true);
    body(dots, dotted, "{\"object\": {\"nested\": \"test-auto\"}}", false);
    String deep = "{\"object.nested.test\": [\"string.value\"]}";
    body(dots, deep, "{\"object\": {\"nested\": {\"test\": \"string.value\"}}}", true);
    body(dots, deep, "{\"object.nested.test\": \"string.value\"}", true);
    body(dots, deep, "{\"object.nested\": {\"test\": \"string.value\"}}", true);
    body(dots, deep, "{\"object\": {\"nested.test\": \"string.value\"}}", true);
    body(dots, deep, "{\"object\": {\"nested\": {\"test\": \"string.notvalue\"}}}", false);
    String arrays = "recorded: test_filter_policy_on_message_body_array_attributes";
    String queue1 = "{\"headers\": {\"route-to\": [\"queue1\"]}}";
    body(arrays, queue1, "{\"headers\": {\"route-to\": [\"queue3\"]}}", false);
    body(arrays, queue1, "{\"headers\": {\"route-to\": [\"queue1\"]}}", true);
    body(arrays, queue1, "{\"headers\": {\"route-to\": [\"queue2\"]}}", false);
    body(arrays, queue1, "{\"headers\": {\"route-to\": [\"queue1\", \"queue2\"]}}", true);
    String records = "recorded: test_filter_policy_on_message_body_array_of_object_attributes";
    String s3 =
        "{\"Records\": {\"s3\": {\"object\": {\"key\": [{\"prefix\": \"auto-\"}]}},"
            + " \"eventName\": [{\"prefix\": \"ObjectCreated:\"}]}}";
    body(
        records,
        s3,
        "{\"Records\": [{\"eventSource\": \"aws:s3\", \"eventName\": \"ObjectCreated:Put\","
            + " \"s3\": {\"object\": [[{\"key\": \"auto-insurance-2314.xml\", \"size\": 17}]]}},"
            + " {\"eventSource\": \"aws:s3\", \"eventName\": \"ObjectRemoved:Delete\", \"s3\":"
            + " {\"object\": {\"key\": \"home-insurance-2314.xml\", \"size\": 17}}}]}",
        true);
    body(
        records,
        s3,
        "{\"Records\": [{\"eventName\": \"ObjectRemoved:Delete\", \"s3\": {\"bucket\": {\"name\":"
            + " \"b\"}, \"object\": {\"key\": \"auto-insurance-2314.xml\", \"size\": 17}}}]}",
        false);
    body(
        records,
        s3,
        "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"object\": {\"key\":"
            + " \"home-insurance-2314.xml\", \"size\": 17}}}]}",
        false);
    body(
        records,
        s3,
        "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"object\": {\"key\":"
            + " \"auto-insurance-2314.xml\", \"size\": 17}}}]}",
        true);
    // event-ruler (not recorded): both properties must come from the same element of Records.
    body(
        "event-ruler array consistency",
        s3,
        "{\"Records\": [{\"eventName\": \"ObjectCreated:Put\", \"s3\": {\"object\": {\"key\":"
            + " \"home-1.xml\"}}}, {\"eventName\": \"ObjectRemoved:Delete\", \"s3\": {\"object\":"
            + " {\"key\": \"auto-1.xml\"}}}]}",
        false);
    body(
        "recorded: test_filter_policy_empty_array_payload",
        "{\"detail\": {\"eventVersion\": [\"\"]}}",
        "{\"version\": \"0\", \"resources\": [], \"detail\": {\"eventVersion\": \"\","
            + " \"responseElements\": null}}",
        true);
    // Amazon SNS message filtering: "Filter policies for the message body assume that the message
    // payload is a well-formed JSON object."
    String notObject = "message filtering, body not a JSON object";
    body(notObject, "{\"a\": [\"b\"]}", "not json", false);
    body(notObject, "{\"a\": [\"b\"]}", "[{\"a\": \"b\"}]", false);
    body(notObject, "{\"a\": [\"b\"]}", "\"b\"", false);
    body(notObject, "{\"a\": [\"b\"]}", "{\"a\": \"b\"} trailing", false);

    // "Removing a subscription filter policy": an empty JSON body accepts every message.
    body("removing a filter policy", "{}", "not json", true);
    attributes("removing a filter policy", "{}", "{}", true);
  }

  static List<Case> cases() {
    return CASES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesAsSnsDoes(Case c) {
    FilterPolicy policy = FilterPolicy.parse(c.policy(), c.scope());

    Match match =
        c.scope() == MESSAGE_BODY
            ? policy.matchBody(c.message())
            : policy.matchAttributes(parseAttributes(c.message()));

    assertThat(match.matched()).as("%s", match).isEqualTo(c.matches());
    if (c.matches()) {
      assertThat(match).isEqualTo(Match.MATCHED);
    } else {
      assertThat(match.failedRule()).isNotBlank();
    }
  }

  @Test
  void tableCoversAtLeastAHundredDocumentedCases() {
    assertThat(CASES).hasSizeGreaterThanOrEqualTo(100);
    assertThat(CASES).extracting(Case::scope).contains(MESSAGE_ATTRIBUTES, MESSAGE_BODY);
  }

  // ---- invalid policies ------------------------------------------------------------------------

  /** One policy SNS refuses and the message it refuses it with. */
  record Invalid(String source, Scope scope, String policy, String message) {
    @Override
    public String toString() {
      return policy + " (" + source + ")";
    }
  }

  static List<Invalid> invalidPolicies() {
    List<Invalid> all = new ArrayList<>();
    // SNS's answers recorded against AWS in LocalStack's test_sns_filter_policy.snapshot.json.
    // LocalStack recorded them through Subscribe ("Invalid parameter: Attributes Reason:
    // FilterPolicy: …"); the policies are sent with json.dumps spacing, and SNS reports columns in
    // its compact re-serialisation.
    String recorded = "recorded";
    all.add(
        invalid(
            recorded,
            "{\"key\": [[\"value\"]]}",
            located(
                "Match value must be String, number, true, false, or null",
                "{\"key\":[[\"value\"]]}",
                10)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"wrong-operator\": true}]}",
            located(
                "Unrecognized match type wrong-operator",
                "{\"key\":[{\"wrong-operator\":true}]}",
                31)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"suffix\": \"value\", \"prefix\": \"value2\"}]}",
            located(
                "Only one key allowed in match expression",
                "{\"key\":[{\"suffix\":\"value\",\"prefix\":\"value2\"}]}",
                37)));
    all.add(
        invalid(
            recorded,
            "{\"key\": []}",
            located("Empty arrays are not allowed", "{\"key\":[]}", 10)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"suffix\": 100}]}",
            located("suffix match pattern must be a string", "{\"key\":[{\"suffix\":100}]}", 22)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"suffix\": null}]}",
            located("suffix match pattern must be a string", "{\"key\":[{\"suffix\":null}]}", 23)));
    all.add(
        invalid(
            recorded,
            "{\"key\": {\"suffix\": \"value\"}}",
            located(
                "\"suffix\" must be an object or an array",
                "{\"key\":{\"suffix\":\"value\"}}",
                19)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"suffix\": []}]}",
            located("suffix match pattern must be a string", "{\"key\":[{\"suffix\":[]}]}", 20)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"suffix\": [\"test\", \"test2\"]}]}",
            located(
                "suffix match pattern must be a string",
                "{\"key\":[{\"suffix\":[\"test\",\"test2\"]}]}",
                20)));
    all.add(
        invalid(
            recorded,
            "{\"key\": {\"suffix\": \"value\", \"prefix\": \"value\"}}",
            located(
                "\"suffix\" must be an object or an array",
                "{\"key\":{\"suffix\":\"value\",\"prefix\":\"value\"}}",
                19)));
    all.add(
        invalid(
            recorded,
            "{\"key\": {\"not-an-operator\": \"value\"}}",
            located(
                "\"not-an-operator\" must be an object or an array",
                "{\"key\":{\"not-an-operator\":\"value\"}}",
                28)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": [\"bad-filter\"]}]}",
            located(
                "prefix match pattern must be a string",
                "{\"key\":[{\"cidr\":[\"bad-filter\"]}]}",
                18)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": \"bad-filter\"}]}",
            "Invalid parameter: FilterPolicy: Malformed CIDR, one '/' required"));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": \"bad-filter/64\"}]}",
            "Invalid parameter: FilterPolicy: Nonstandard IP address: bad-filter"));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": \"bad-/64filter\"}]}",
            "Invalid parameter: FilterPolicy: Malformed CIDR, mask bits must be an integer"));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": \"xx.11.xx/8\"}]}",
            "Invalid parameter: FilterPolicy: Nonstandard IP address: xx.11.xx"));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"cidr\": \"xxxx:db8:1234:1a00::/64\"}]}",
            "Invalid parameter: FilterPolicy: Nonstandard IP address: xxxx:db8:1234:1a00::"));
    String[][] numeric = {
      {"[]", "Invalid member in numeric match: ]", "22"},
      {"[\"operator\"]", "Unrecognized numeric range operator: operator", "32"},
      {"[1, \"<=\"]", "Invalid member in numeric match: 1", "22"},
      {"[\"=\", \"000\"]", "Value of equals must be numeric", "26"},
      {"[\">=\"]", "Value of >= must be numeric", "26"},
      {"[\"<\", 100, \">\", 10]", "Too many elements in numeric expression", "30"},
      {"[\">=\", 1, \">\", 2]", "Bad numeric range operator: >", "31"},
      {"[\">\", 3, \"<\", 1]", "Bottom must be less than top", "33"},
      {"[\">\", 20, \"<=\"]", "Value of <= must be numeric", "33"},
      {"[\">\", 20, 30]", "Bad value in numeric range: 30", "30"},
      {"[\">\", 20, \"test\"]", "Bad numeric range operator: test", "34"},
      {"[\">\", \"20\", \"<\", \"30\"]", "Value of > must be numeric", "26"},
      {"[\">\", 20, \"<\", \"30\"]", "Value of < must be numeric", "33"},
      {"[\">\", 20, \"<\", 30, \"<\", 50]", "Too many terms in numeric range expression", "36"},
    };
    for (String[] row : numeric) {
      String policy = "{\"key\": [{\"numeric\": " + row[0] + "}]}";
      all.add(
          invalid(recorded, policy, located(row[1], compact(policy), Integer.parseInt(row[2]))));
    }
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"exists\": null}]}",
            located(
                "exists match pattern must be either true or false.",
                "{\"key\":[{\"exists\":null}]}",
                23)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"exists\": \"no\"}]}",
            located(
                "exists match pattern must be either true or false.",
                "{\"key\":[{\"exists\":\"no\"}]}",
                20)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"anything-but\": {\"wrong-operator\": null}}]}",
            located(
                "Unsupported anything-but pattern: wrong-operator",
                "{\"key\":[{\"anything-but\":{\"wrong-operator\":null}}]}",
                47)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"anything-but\": {\"exists\": false}}]}",
            located(
                "Unsupported anything-but pattern: exists",
                "{\"key\":[{\"anything-but\":{\"exists\":false}}]}",
                40)));
    all.add(
        invalid(
            recorded,
            "{\"key\": [{\"anything-but\": {\"prefix\": false}}]}",
            located(
                "prefix match pattern must be a string",
                "{\"key\":[{\"anything-but\":{\"prefix\":false}}]}",
                40)));
    // Recorded through SetSubscriptionAttributes, the form FilterPolicyException#getMessage has.
    all.add(
        invalid(
            recorded,
            "{\"key_a\": \"value_one\"}",
            located("\"key_a\" must be an object or an array", "{\"key_a\":\"value_one\"}", 11)));
    all.add(
        new Invalid(
            recorded,
            MESSAGE_ATTRIBUTES,
            "{\"object\": {\"key\": [{\"prefix\": \"auto-\"}]}}",
            "Invalid parameter: Filter policy scope MessageAttributes does not support nested"
                + " filter policy"));
    // Filter policy constraints: "Amazon SNS doesn't accept a nested filter policy for
    // attribute-based filtering", inside "$or" too.
    all.add(
        new Invalid(
            "Filter policy constraints",
            MESSAGE_ATTRIBUTES,
            "{\"$or\": [{\"a\": {\"b\": [\"x\"]}}, {\"c\": [\"y\"]}]}",
            "Invalid parameter: Filter policy scope MessageAttributes does not support nested"
                + " filter policy"));
    // test_sns.snapshot.json, test_validate_set_sub_attributes: SNS parses with Jackson, whose
    // message follows, its source redacted.
    all.add(
        invalid(
            recorded,
            "{invalidjson}",
            "Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected character ('i' (code"
                + " 105)): was expecting double-quote to start field name\n"
                + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled);"
                + " line: 1, column: 2]"));

    // Not recorded: the messages of the event-ruler compiler whose other messages SNS returns.
    String ruler = "event-ruler";
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"anything-but\": {\"equals-ignore-case\": \"x\"}}]}",
            located(
                "Unsupported anything-but pattern: equals-ignore-case",
                "{\"key\":[{\"anything-but\":{\"equals-ignore-case\":\"x\"}}]}",
                48)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"anything-but\": [\"a\", 1]}]}",
            located(
                "Inside anything but list, either all values are number or string, mixed type is"
                    + " not supported",
                "{\"key\":[{\"anything-but\":[\"a\",1]}]}",
                32)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"anything-but\": true}]}",
            located(
                "Value of anything-but must be an array or single string/number value.",
                "{\"key\":[{\"anything-but\":true}]}",
                29)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"numeric\": 5}]}",
            located("Value of numeric must be an array.", "{\"key\":[{\"numeric\":5}]}", 21)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"exists\": true, \"prefix\": \"a\"}]}",
            located(
                "Only one key allowed in match expression",
                "{\"key\":[{\"exists\":true,\"prefix\":\"a\"}]}",
                34)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"wildcard\": \"a**b\"}]}",
            located(
                "Consecutive wildcard characters at pos 1",
                "{\"key\":[{\"wildcard\":\"a**b\"}]}",
                27)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{}]}",
            located("Match expression name not found", "{\"key\":[{}]}", 11)));
    all.add(
        invalid(
            ruler, "{\"key\": {}}", located("Empty objects are not allowed", "{\"key\":{}}", 10)));
    all.add(invalid(ruler, "[\"key\"]", located("Filter is not an object", "[\"key\"]", 2)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"cidr\": \"10.0.0.0/33\"}]}",
            "Invalid parameter: FilterPolicy: IPv4 mask bits must be < 32"));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"numeric\": [\">\", 6e9]}]}",
            located(
                "Bottom must be less than top", "{\"key\":[{\"numeric\":[\">\",6.0E9]}]}", 31)));
    all.add(
        invalid(
            ruler,
            "{\"key\": [{\"numeric\": [\"=\", -6000000000]}]}",
            located(
                "Value must be between -5.0E9 and 5.0E9, inclusive",
                "{\"key\":[{\"numeric\":[\"=\",-6000000000]}]}",
                37)));
    // "AND/OR logic": "$or" with fewer than two objects is an ordinary property name, whose
    // objects are then read as match expressions.
    all.add(
        invalid(
            "AND/OR logic, OR operator",
            "{\"$or\": [{\"metricName\": [\"CPUUtilization\"]}]}",
            located(
                "Unrecognized match type metricName",
                "{\"$or\":[{\"metricName\":[\"CPUUtilization\"]}]}",
                24)));
    all.add(
        invalid(
            "AND/OR logic, OR operator",
            "{\"$or\": [{\"numeric\": 123}, {\"prefix\": \"abc\"}]}",
            located(
                "Value of numeric must be an array.",
                "{\"$or\":[{\"numeric\":123},{\"prefix\":\"abc\"}]}",
                23)));
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPolicies")
  void refusesWithSnsMessage(Invalid c) {
    assertThatThrownBy(() -> FilterPolicy.parse(c.policy(), c.scope()))
        .isInstanceOf(FilterPolicyException.class)
        .hasMessage(c.message());
  }

  @Test
  void subscribeWordsTheSameReasonWithItsOwnPrefix() {
    // test_sns.snapshot.json, test_subscribe_invalid_filter_policy.
    assertThatThrownBy(() -> FilterPolicy.parse("invalid", MESSAGE_ATTRIBUTES))
        .isInstanceOfSatisfying(
            FilterPolicyException.class,
            e ->
                assertThat(e.subscribeMessage())
                    .isEqualTo(
                        "Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON."
                            + " Unrecognized token 'invalid': was expecting (JSON String, Number,"
                            + " Array, Object or token 'null', 'true' or 'false')\n"
                            + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION`"
                            + " disabled); line: 1, column: 8]"));
    // test_sns_filter_policy.snapshot.json, error-condition-list, exactly as recorded.
    assertThatThrownBy(() -> FilterPolicy.parse("{\"key\": [[\"value\"]]}", MESSAGE_ATTRIBUTES))
        .isInstanceOfSatisfying(
            FilterPolicyException.class,
            e ->
                assertThat(e.subscribeMessage())
                    .isEqualTo(
                        "Invalid parameter: Attributes Reason: FilterPolicy: Match value must be"
                            + " String, number, true, false, or null\n"
                            + " at [Source: (String)\"{\"key\":[[\"value\"]]}\"; line: 1, column:"
                            + " 10]"));
  }

  @Test
  void acceptsWhatTheGuideDocuments() {
    // Each operator of "String value matching" and "Numeric value matching", in both scopes.
    List<String> documented =
        List.of(
            "{\"k\": [\"v\", 10, 1.5, true, false, null]}",
            "{\"k\": [{\"prefix\": \"bas\"}, {\"suffix\": \"ball\"}, {\"wildcard\": \"*ball\"}]}",
            "{\"k\": [{\"equals-ignore-case\": \"tennis\"}, {\"cidr\": \"10.0.0.0/24\"}]}",
            "{\"k\": [{\"cidr\": \"2001:db8:1234:1a00::/64\"}]}",
            "{\"k\": [{\"anything-but\": [\"rugby\", \"tennis\"]}, {\"anything-but\": [100, 500]}]}",
            "{\"k\": [{\"anything-but\": \"rugby\"}, {\"anything-but\": 100}]}",
            "{\"k\": [{\"anything-but\": {\"prefix\": \"order-\"}}]}",
            "{\"k\": [{\"anything-but\": {\"suffix\": \"ball\"}}]}",
            "{\"k\": [{\"anything-but\": {\"wildcard\": \"*ball\"}}]}",
            "{\"k\": [{\"numeric\": [\"=\", 301.5]}, {\"numeric\": [\"<\", 0]}]}",
            "{\"k\": [{\"numeric\": [\">\", 0, \"<=\", 150]}, {\"numeric\": [\">=\", 1, \"<\", 2]}]}",
            "{\"k\": [{\"exists\": true}], \"l\": [{\"exists\": false}]}");
    for (String policy : documented) {
      assertThat(FilterPolicy.parse(policy, MESSAGE_ATTRIBUTES).scope())
          .isEqualTo(MESSAGE_ATTRIBUTES);
      assertThat(FilterPolicy.parse(policy, MESSAGE_BODY).scope()).isEqualTo(MESSAGE_BODY);
    }
    // "Removing a subscription filter policy": the empty JSON body, and "" which unsets it.
    assertThat(FilterPolicy.parse("{}", MESSAGE_ATTRIBUTES).matchAttributes(Map.of()).matched())
        .isTrue();
    assertThat(FilterPolicy.parse("", MESSAGE_BODY).matchBody("x").matched()).isTrue();
  }

  // ---- limits ----------------------------------------------------------------------------------

  private static final String TOO_MANY_KEYS =
      "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys";
  private static final String TOO_COMPLEX =
      "Invalid parameter: FilterPolicy: Filter policy is too complex";

  @Test
  void allowsFiveKeysAndRefusesSix() {
    // Filter policy constraints: "A filter policy can have a maximum of five keys"; recorded
    // (error-complexity-too-many-fields, sub-filter-policy-max-attr-keys) in both scopes.
    for (Scope scope : Scope.values()) {
      assertThat(FilterPolicy.parse(keys(5), scope)).isNotNull();
      assertThatThrownBy(() -> FilterPolicy.parse(keys(6), scope)).hasMessage(TOO_MANY_KEYS);
    }
    // "For a nested policy, only leaf keys are counted towards the five key limit."
    assertThat(
            FilterPolicy.parse(
                "{\"a\": {\"b\": [1], \"c\": [1]}, \"d\": {\"e\": [1], \"f\": [1], \"g\": [1]}}",
                MESSAGE_BODY))
        .isNotNull();
    assertThatThrownBy(
            () ->
                FilterPolicy.parse(
                    "{\"a\": {\"b\": [1], \"c\": [1], \"h\": [1]}, \"d\": {\"e\": [1], \"f\": [1],"
                        + " \"g\": [1]}}",
                    MESSAGE_BODY))
        .hasMessage(TOO_MANY_KEYS);
  }

  @Test
  void allowsOneHundredFiftyCombinationsAndRefusesMore() {
    // Filter policy constraints: "The total combination of values in a filter policy must not
    // exceed 150"; recorded: error-complexity-in-one-condition, error-complexity-in-two-conditions.
    assertThat(FilterPolicy.parse(values("key", 150), MESSAGE_ATTRIBUTES)).isNotNull();
    assertThatThrownBy(() -> FilterPolicy.parse(values("key", 151), MESSAGE_ATTRIBUTES))
        .hasMessage(TOO_COMPLEX);
    assertThat(
            FilterPolicy.parse(
                "{"
                    + values("a", 10).substring(1, values("a", 10).length() - 1)
                    + ", "
                    + values("b", 15).substring(1),
                MESSAGE_ATTRIBUTES))
        .isNotNull();
    assertThatThrownBy(
            () ->
                FilterPolicy.parse(
                    "{"
                        + values("key1", 100).substring(1, values("key1", 100).length() - 1)
                        + ", "
                        + values("key2", 51).substring(1),
                    MESSAGE_ATTRIBUTES))
        .hasMessage(TOO_COMPLEX);
  }

  @Test
  void countsNestingLevelsInBodyCombinations() {
    // Filter policy constraints, payload-based: 4 x 3 x 3 x 2 = 72 is allowed; recorded
    // (sub-filter-policy-nested-error-too-many-combinations): another key of 3 values makes 216.
    String documented =
        "{\"key_a\": {\"key_b\": {\"key_c\": [\"value_one\", \"value_two\", \"value_three\","
            + " \"value_four\"]}}, \"key_d\": {\"key_e\": [\"value_one\", \"value_two\","
            + " \"value_three\"]}";
    assertThat(FilterPolicy.parse(documented + "}", MESSAGE_BODY)).isNotNull();
    assertThatThrownBy(
            () ->
                FilterPolicy.parse(
                    documented + ", \"key_f\": [\"value_one\", \"value_two\", \"value_three\"]}",
                    MESSAGE_BODY))
        .hasMessage(TOO_COMPLEX);
  }

  @Test
  void addsUpCombinationsOfOrBranches() {
    // "AND/OR logic", policy constraints with OR: (1 * 2) + (1 * 1 * 2) + (1 * 1 * 3) = 7, and
    // the nested example, 32; both accepted.
    assertThat(
            FilterPolicy.parse(
                "{\"source\": [\"aws.cloudwatch\"], \"$or\": [{\"metricName\": [\"CPUUtilization\","
                    + " \"ReadLatency\"]}, {\"metricType\": [\"MetricType\"], \"$or\":"
                    + " [{\"metricId\": [1234, 4321]}, {\"spaceId\": [1000, 2000, 3000]}]}]}",
                MESSAGE_ATTRIBUTES))
        .isNotNull();
    // Recorded (test_policy_complexity_with_or): 18 + 48 + 84 = 150 is accepted, 24 + 64 + 64 =
    // 152 is not, nor is the nested 24 + 72 + 16 + 48 = 160.
    assertThat(FilterPolicy.parse(orPolicy(3, 6, 4, 4, 7), MESSAGE_ATTRIBUTES)).isNotNull();
    assertThatThrownBy(() -> FilterPolicy.parse(orPolicy(4, 6, 4, 4, 4), MESSAGE_ATTRIBUTES))
        .hasMessage(TOO_COMPLEX);
    assertThatThrownBy(
            () ->
                FilterPolicy.parse(
                    "{\"$or\": [{\"metricName\": [\"CPUUtilization\", \"ReadLatency\","
                        + " \"TestValue\"]}, {\"namespace\": [\"AWS/EC2\", \"AWS/ES\"]}], \"detail\":"
                        + " {\"scope\": [\"Service\", \"Test\"], \"$or\": [{\"source\":"
                        + " [\"aws.cloudwatch\"]}, {\"type\": [\"CloudWatch Alarm State Change\","
                        + " \"TestValue\", \"TestValue2\"]}]}}",
                    MESSAGE_BODY))
        .hasMessage(TOO_COMPLEX);
  }

  @Test
  void refusesPoliciesOverTheSizeLimit() {
    // Filter policy constraints: "The maximum size of a filter policy is 256 KB."
    String big = "{\"k\": [\"" + "x".repeat(256 * 1024) + "\"]}";
    assertThatThrownBy(() -> FilterPolicy.parse(big, MESSAGE_ATTRIBUTES))
        .isInstanceOf(FilterPolicyException.class)
        .hasMessageStartingWith("Invalid parameter: FilterPolicy: ");
  }

  @Test
  void truncatesLongPoliciesInLocationsAsJacksonDoes() {
    String longPolicy = "{\"a\": [\"" + "x".repeat(600) + "\"], \"b\": [[]]}";
    String compact = compact(longPolicy);
    assertThatThrownBy(() -> FilterPolicy.parse(longPolicy, MESSAGE_ATTRIBUTES))
        .hasMessage(
            "Invalid parameter: FilterPolicy: Match value must be String, number, true, false, or"
                + " null\n at [Source: (String)\""
                + compact.substring(0, 500)
                + "\"[truncated "
                + (compact.length() - 500)
                + " chars]; line: 1, column: "
                + (compact.length() - 2)
                + "]");
  }

  // ---- scope and reasons -----------------------------------------------------------------------

  @Test
  void readsTheFilterPolicyScopeAttribute() {
    assertThat(Scope.of(null)).isEqualTo(MESSAGE_ATTRIBUTES);
    assertThat(Scope.of("MessageAttributes")).isEqualTo(MESSAGE_ATTRIBUTES);
    assertThat(Scope.of("MessageBody")).isEqualTo(MESSAGE_BODY);
    assertThat(MESSAGE_BODY.attributeValue()).isEqualTo("MessageBody");
    // Recorded: sub-attrs-filter-scope-error.
    assertThatThrownBy(() -> Scope.of("RandomValue"))
        .isInstanceOf(FilterPolicyException.class)
        .hasMessage(
            "Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either"
                + " MessageBody or MessageAttributes");
  }

  @Test
  void failedRuleNamesTheKeyAndTheRule() {
    FilterPolicy store = FilterPolicy.parse("{\"store\": [\"example_corp\"]}", MESSAGE_ATTRIBUTES);
    assertThat(store.matchAttributes(parseAttributes(attr("store", "String", "other_corp"))))
        .isEqualTo(new Match(false, "\"store\": [\"example_corp\"] did not match \"other_corp\""));

    FilterPolicy price =
        FilterPolicy.parse(
            "{\"store\": [\"example_corp\"], \"price_usd\": [{\"numeric\": [\">\", 0]}]}",
            MESSAGE_ATTRIBUTES);
    assertThat(price.matchAttributes(parseAttributes(attr("store", "String", "example_corp"))))
        .isEqualTo(new Match(false, "\"price_usd\" missing"));

    FilterPolicy nested =
        FilterPolicy.parse("{\"detail\": {\"scope\": [\"Service\"]}}", MESSAGE_BODY);
    assertThat(nested.matchBody("{\"detail\": {\"scope\": [\"Other\", 5]}}").failedRule())
        .isEqualTo("\"detail.scope\": [\"Service\"] did not match [\"Other\",5]");

    FilterPolicy or =
        FilterPolicy.parse(
            "{\"$or\": [{\"a\": [\"x\"]}, {\"b\": [{\"prefix\": \"y\"}]}]}", MESSAGE_BODY);
    assertThat(or.matchBody("{\"b\": \"z\"}").failedRule()).contains("\"a\" missing");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static Invalid invalid(String source, String policy, String message) {
    return new Invalid(source, MESSAGE_ATTRIBUTES, policy, message);
  }

  /** SNS's message for an error that event-ruler locates in the compact policy. */
  private static String located(String reason, String compact, int column) {
    return "Invalid parameter: FilterPolicy: "
        + reason
        + "\n at [Source: (String)\""
        + compact
        + "\"; line: 1, column: "
        + column
        + "]";
  }

  private static String compact(String json) {
    try {
      return JSON.writeValueAsString(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String attr(String name, String type, String value) {
    return attrs(name, type, value);
  }

  /** Attributes as the Developer Guide writes them: name, type, value, name, type, value, … */
  private static String attrs(String... nameTypeValue) {
    Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    for (int i = 0; i < nameTypeValue.length; i += 3) {
      attributes.put(
          nameTypeValue[i], Map.of("Type", nameTypeValue[i + 1], "Value", nameTypeValue[i + 2]));
    }
    try {
      return JSON.writeValueAsString(attributes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Delivery.Attribute> parseAttributes(String json) {
    Map<String, Delivery.Attribute> attributes = new LinkedHashMap<>();
    try {
      JsonNode root = JSON.readTree(json);
      for (Map.Entry<String, JsonNode> entry : root.properties()) {
        String type = entry.getValue().get("Type").asText();
        String value = entry.getValue().get("Value").asText();
        attributes.put(
            entry.getKey(),
            type.startsWith("Binary")
                ? new Delivery.Attribute(type, null, Base64.getDecoder().decode(value))
                : new Delivery.Attribute(type, value, null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return attributes;
  }

  private static String keys(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> "\"key" + i + "\": [\"value" + i + "\"]")
        .collect(Collectors.joining(", ", "{", "}"));
  }

  private static String values(String key, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"value" + i + "\"")
        .collect(Collectors.joining(", ", "{\"" + key + "\": [", "]}"));
  }

  private static String list(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> "\"v" + i + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** LocalStack's recorded test_policy_complexity_with_or policy, with these value counts. */
  private static String orPolicy(int source, int metricName, int metricType, int id, int space) {
    return "{\"source\": "
        + list(source)
        + ", \"$or\": [{\"metricName\": "
        + list(metricName)
        + "}, {\"metricType\": "
        + list(metricType)
        + ", \"$or\": [{\"metricId\": "
        + list(id)
        + "}, {\"spaceId\": "
        + list(space)
        + "}]}]}";
  }
}
