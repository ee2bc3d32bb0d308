package io.serverlessstack.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/**
 * The shape of every delivery stream failure: what was expected, what was found, then the stream's
 * destination, deliveries and failures now, so a failure explains itself without a debugger.
 */
final class DeliveryStreamErrorMessage extends BasicErrorMessageFactory {

  /**
   * @param expectation what the stream should have, after "Expecting delivery stream NAME to …"
   * @param found what it has instead
   */
  static ErrorMessageFactory deliveryStreamShould(
      DeliveryStreamSnapshot snapshot, String expectation, String found) {
    return new DeliveryStreamErrorMessage(snapshot, expectation, found);
  }

  private DeliveryStreamErrorMessage(
      DeliveryStreamSnapshot snapshot, String expectation, String found) {
    super(
        "%nExpecting delivery stream %s to %s%nbut %s%n%nDelivery stream now:%n%s",
        snapshot.name(),
        unquotedString(expectation),
        unquotedString(found),
        unquotedString(snapshot.describe()));
  }
}
