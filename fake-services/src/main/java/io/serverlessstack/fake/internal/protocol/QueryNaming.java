package io.serverlessstack.fake.internal.protocol;

import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * How a model member is named on the awsQuery wire. Services still on awsQuery carry this in the
 * SDK's traits ({@link #FROM_TRAITS}); services that moved to JSON (SQS) lost it from the SDK model
 * and supply the legacy names themselves.
 */
public interface QueryNaming {

  /** The wire name of {@code field} in {@code operation}, with its collection layout. */
  QueryMember member(String operation, SdkField<?> field);

  /**
   * @param name the member's wire name
   * @param flattened lists as {@code Name.N} and maps as {@code Name.N.Key}, rather than {@code
   *     Name.member.N} and {@code Name.entry.N.key}
   * @param listMemberName the element name of a list that is not flattened
   * @param mapKeyName the name of a map entry's key
   * @param mapValueName the name of a map entry's value
   */
  record QueryMember(
      String name,
      boolean flattened,
      String listMemberName,
      String mapKeyName,
      String mapValueName) {}

  QueryNaming FROM_TRAITS =
      (operation, field) -> {
        Optional<ListTrait> list = field.getOptionalTrait(ListTrait.class);
        Optional<MapTrait> map = field.getOptionalTrait(MapTrait.class);
        boolean flattened =
            list.map(ListTrait::isFlattened).orElse(false)
                || map.map(MapTrait::isFlattened).orElse(false);
        String member = list.map(ListTrait::memberLocationName).orElse(null);
        return new QueryMember(
            field.locationName(),
            flattened,
            member == null ? "member" : member,
            map.map(MapTrait::keyLocationName).orElse("key"),
            map.map(MapTrait::valueLocationName).orElse("value"));
      };
}
