package io.serverlessstack.fake.internal.server;

import io.serverlessstack.fake.internal.protocol.AwsJsonBinding;
import io.serverlessstack.fake.internal.protocol.AwsQueryBinding;
import io.serverlessstack.fake.internal.protocol.ProtocolBinding;
import io.serverlessstack.fake.internal.protocol.RestBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What the router knows of a service before the service is built: its id, its SigV4 signing name
 * and what its requests carry. It holds strings and cheap predicates only, so that describing a
 * service loads none of its engine, operations or SDK model classes; the router builds the service
 * when a request (or anything else) first needs it. A built service must speak only what its
 * descriptor says ({@link #checkDescribes}).
 *
 * @param id the service's name in {@code withServices(...)}, {@code --services} and health
 * @param signingName its name in SigV4 credential scopes
 * @param targetPrefixes the {@code X-Amz-Target} prefixes of its awsJson and CBOR protocols
 * @param queryVersions the awsQuery {@code Version} values it answers
 * @param rest whether it speaks a REST protocol (restJson1, restXml); a request signed for it may
 *     then be its
 * @param restPathPrefixes the path prefixes of its REST URI templates, by which an unsigned request
 *     may be its
 * @param restClaims which other unsigned requests may be its REST requests (S3's virtual-hosted
 *     {@code bucket.s3.…} hosts); runs on unsigned requests, so keep it cheap
 * @param rawRoutes whether a request is one of its raw routes; runs on every request until the
 *     service is built, so keep it cheap
 */
public record ServiceDescriptor(
    String id,
    String signingName,
    List<String> targetPrefixes,
    List<String> queryVersions,
    boolean rest,
    List<String> restPathPrefixes,
    List<Predicate<StackRequest>> restClaims,
    List<Predicate<StackRequest>> rawRoutes) {

  public ServiceDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(signingName, "signingName");
    targetPrefixes = List.copyOf(targetPrefixes);
    queryVersions = List.copyOf(queryVersions);
    restPathPrefixes = List.copyOf(restPathPrefixes);
    restClaims = List.copyOf(restClaims);
    rawRoutes = List.copyOf(rawRoutes);
  }

  /** Describes a service whose id is also its signing name, e.g. {@code sqs}. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * The descriptor of a service already built, from the protocols it speaks; for stacks that
   * register built services rather than plug-ins.
   */
  public static ServiceDescriptor of(AwsService service) {
    Builder builder = builder(service.signingName());
    for (ProtocolBinding binding : service.bindings()) {
      if (binding instanceof AwsJsonBinding json) {
        if (!builder.targetPrefixes.contains(json.targetPrefix())) {
          builder.targetPrefix(json.targetPrefix());
        }
      } else if (binding instanceof AwsQueryBinding query) {
        builder.queryVersion(query.version());
      } else if (binding instanceof RestBinding<?> rest) {
        builder.restJson1();
        rest.routes().forEach(route -> builder.restPathPrefix(literalPrefix(route.uriTemplate())));
      }
    }
    for (RawRoute route : service.rawRoutes()) {
      builder.rawRoute(route.matches());
    }
    return builder.build();
  }

  boolean speaksQuery() {
    return !queryVersions.isEmpty();
  }

  /** Whether {@code request} is one of the service's raw routes. */
  boolean takesRaw(StackRequest request) {
    for (int i = 0; i < rawRoutes.size(); i++) {
      if (rawRoutes.get(i).test(request)) {
        return true;
      }
    }
    return false;
  }

  /** What a URI template's paths start with: the template up to its first label or query. */
  private static String literalPrefix(String template) {
    int end = template.length();
    int label = template.indexOf('{');
    int query = template.indexOf('?');
    if (label >= 0) {
      end = label;
    }
    if (query >= 0 && query < end) {
      end = query;
    }
    return end == 0 ? "/" : template.substring(0, end);
  }

  /** Whether an unsigned request may be one of the service's REST requests. */
  public boolean mayTakeUnsignedRest(StackRequest request) {
    if (mayTakeRestPath(request.path())) {
      return true;
    }
    for (int i = 0; i < restClaims.size(); i++) {
      if (restClaims.get(i).test(request)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an unsigned request to {@code path} is under one of its REST path prefixes. */
  boolean mayTakeRestPath(String path) {
    for (int i = 0; i < restPathPrefixes.size(); i++) {
      if (path.startsWith(restPathPrefixes.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that {@code service} speaks only what this descriptor says, so that no request of it
   * could miss it while it is not built.
   *
   * @throws IllegalStateException naming what the descriptor misses
   */
  public void checkDescribes(AwsService service) {
    List<String> missing = new ArrayList<>();
    if (!service.signingName().equals(signingName)) {
      missing.add("signing name " + service.signingName());
    }
    for (ProtocolBinding binding : service.bindings()) {
      if (binding instanceof AwsJsonBinding json && !targetPrefixes.contains(json.targetPrefix())) {
        missing.add("target prefix " + json.targetPrefix());
      } else if (binding instanceof AwsQueryBinding query
          && !queryVersions.contains(query.version())) {
        missing.add("query version " + query.version());
      } else if (binding instanceof RestBinding<?> restBinding) {
        if (!rest) {
          missing.add("a REST protocol");
        }
        for (RestBinding.Route route : restBinding.routes()) {
          // A service that claims its unsigned requests by other means than their path routes
          // only those unsigned; the same claims decide whether it is built for them.
          if (restClaims.isEmpty() && !mayTakeRestPath(route.uriTemplate())) {
            missing.add("a path prefix of " + route.uriTemplate());
          }
        }
      }
    }
    if (!service.rawRoutes().isEmpty() && rawRoutes.isEmpty()) {
      missing.add("its raw routes");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The descriptor of " + id + " does not describe its service: it misses " + missing);
    }
  }

  /** Assembles a {@link ServiceDescriptor}. */
  public static final class Builder {
    private final String id;
    private String signingName;
    private final List<String> targetPrefixes = new ArrayList<>();
    private final List<String> queryVersions = new ArrayList<>();
    private boolean rest;
    private final List<String> restPathPrefixes = new ArrayList<>();
    private final List<Predicate<StackRequest>> restClaims = new ArrayList<>();
    private final List<Predicate<StackRequest>> rawRoutes = new ArrayList<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
      this.signingName = id;
    }

    /** The SigV4 signing name, when it is not the id. */
    public Builder signingName(String signingName) {
      this.signingName = Objects.requireNonNull(signingName, "signingName");
      return this;
    }

    /** An {@code X-Amz-Target} prefix of its awsJson or CBOR protocol. */
    public Builder targetPrefix(String prefix) {
      targetPrefixes.add(Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /** An awsQuery {@code Version} it answers. */
    public Builder queryVersion(String version) {
      queryVersions.add(Objects.requireNonNull(version, "version"));
      return this;
    }

    /** It speaks restJson1. */
    public Builder restJson1() {
      rest = true;
      return this;
    }

    /** It speaks restXml. */
    public Builder restXml() {
      rest = true;
      return this;
    }

    /** A path prefix of its REST URI templates, e.g. {@code /2015-03-31/functions}. */
    public Builder restPathPrefix(String prefix) {
      rest = true;
      restPathPrefixes.add(Objects.requireNonNull(prefix, "prefix"));
      return this;
    }

    /**
     * Unsigned requests that may be its REST requests besides those under its path prefixes; once
     * it has claims, its routes need not be under a prefix, and take unsigned requests only as
     * these claims and its prefixes say.
     */
    public Builder restClaim(Predicate<StackRequest> claims) {
      rest = true;
      restClaims.add(Objects.requireNonNull(claims, "claims"));
      return this;
    }

    /** Requests of one of its raw routes. */
    public Builder rawRoute(Predicate<StackRequest> matches) {
      rawRoutes.add(Objects.requireNonNull(matches, "matches"));
      return this;
    }

    public ServiceDescriptor build() {
      return new ServiceDescriptor(
          id,
          signingName,
          targetPrefixes,
          queryVersions,
          rest,
          restPathPrefixes,
          restClaims,
          rawRoutes);
    }
  }
}
