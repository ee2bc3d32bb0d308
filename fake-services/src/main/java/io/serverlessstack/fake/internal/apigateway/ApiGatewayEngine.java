package io.serverlessstack.fake.internal.apigateway;

import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.platform.ServiceContext;
import io.serverlessstack.fake.internal.server.Scope;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API Gateway's state: the REST APIs of every account and region, by id. An API's id is unique in
 * the whole stack, so an invocation finds its API by id alone, whoever calls; the control plane
 * sees only the APIs of the caller's account and region. Each API guards itself ({@link
 * RestApiState}); this class only holds them.
 */
public final class ApiGatewayEngine {

  private static final char[] ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final StackClock clock;
  private final Journal journal;
  private final ServiceContext services;
  private final Map<String, RestApiState> restApis = new ConcurrentHashMap<>();
  private final AtomicLong created = new AtomicLong();
  private final Map<Scope, UsagePlans> usagePlans = new ConcurrentHashMap<>();
  private final Metering metering = new Metering();
  private final AuthorizerCache authorizerCache = new AuthorizerCache();

  ApiGatewayEngine(ServiceContext services) {
    this.clock = services.clock();
    this.journal = services.journal();
    this.services = services;
  }

  StackClock clock() {
    return clock;
  }

  Journal journal() {
    return journal;
  }

  /** The stack's other services, for integrations. */
  ServiceContext services() {
    return services;
  }

  Instant now() {
    return clock.now();
  }

  /** An id of {@code length} lower-case letters and digits, as API Gateway's ids are. */
  static String randomId(int length) {
    char[] id = new char[length];
    for (int i = 0; i < length; i++) {
      id[i] = ID_CHARACTERS[RANDOM.nextInt(ID_CHARACTERS.length)];
    }
    return new String(id);
  }

  /** A REST API id no API of the stack has. */
  String newApiId() {
    String id;
    do {
      id = randomId(10);
    } while (restApis.containsKey(id));
    return id;
  }

  /** The next number in the order APIs are created in, which lists follow. */
  long nextSerial() {
    return created.incrementAndGet();
  }

  void addRestApi(RestApiState api) {
    restApis.put(api.id(), api);
  }

  /**
   * The REST API {@code id} of {@code scope}.
   *
   * @throws io.serverlessstack.fake.internal.protocol.AwsErrorException {@code NotFoundException}
   */
  RestApiState restApi(Scope scope, String id) {
    RestApiState api = id == null ? null : restApis.get(id);
    if (api == null || !api.scope.equals(scope)) {
      throw ApiGatewayErrors.apiNotFound(scope.accountId(), id);
    }
    return api;
  }

  /** The REST API {@code id} of whichever scope, or {@code null}: invocations name no scope. */
  RestApiState deployedRestApi(String id) {
    return restApis.get(id);
  }

  /** The REST APIs of {@code scope}, oldest first. */
  List<RestApiState> restApis(Scope scope) {
    List<RestApiState> apis = new ArrayList<>();
    for (RestApiState api : restApis.values()) {
      if (api.scope.equals(scope)) {
        apis.add(api);
      }
    }
    apis.sort(Comparator.comparingLong((RestApiState api) -> api.serial));
    return apis;
  }

  void removeRestApi(Scope scope, String id) {
    restApis.remove(restApi(scope, id).id());
  }

  /** The API keys and usage plans of {@code scope}. */
  UsagePlans usagePlans(Scope scope) {
    return usagePlans.computeIfAbsent(scope, UsagePlans::new);
  }

  Metering metering() {
    return metering;
  }

  /** What Lambda authorizers answered, while their TTLs last. */
  AuthorizerCache authorizerCache() {
    return authorizerCache;
  }

  /** Forgets every API, key and plan, and what was metered and cached. */
  public void reset() {
    restApis.clear();
    usagePlans.clear();
    metering.reset();
    authorizerCache.clear();
  }
}
