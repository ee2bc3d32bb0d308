package io.serverlessstack.fake.internal.apigateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigateway.model.Authorizer;
import software.amazon.awssdk.services.apigateway.model.Method;

/**
 * Cognito user pool authorizers ({@code COGNITO_USER_POOLS}) of REST API methods. There is no
 * Cognito in the stack, so the pool's keys come from the token's issuer: a token is accepted when
 *
 * <ul>
 *   <li>its issuer ({@code iss}) is a URL whose last path segment is one of the pools the
 *       authorizer's {@code providerARNs} name ({@code arn:aws:cognito-idp:…:userpool/{poolId}}):
 *       Cognito's own {@code https://cognito-idp.{region}.amazonaws.com/{poolId}}, or a stand-in
 *       such as a WireMock server at {@code http://localhost:8089/{poolId}};
 *   <li>its signature verifies (RSA or EC) with the key of its {@code kid} in the JWKS at {@code
 *       {iss}/.well-known/jwks.json}, fetched without blocking and kept (fetched again for an
 *       unknown {@code kid});
 *   <li>it has not expired ({@code exp}) on the stack's clock: else 401 {@code The incoming token
 *       has expired};
 *   <li>for a method with {@code authorizationScopes}, it is an access token ({@code token_use
 *       access}) whose {@code scope} holds one of them; for a method without, an ID token ({@code
 *       token_use id}), as AWS documents.
 * </ul>
 *
 * Anything else is 401 {@code Unauthorized}. The token's claims reach the integration as {@code
 * $context.authorizer.claims.*} and {@code requestContext.authorizer.claims}, as strings.
 */
final class CognitoAuthorizers {

  private static final Logger LOG = LoggerFactory.getLogger(CognitoAuthorizers.class);

  static final String EXPIRED = "The incoming token has expired";
  private static final String WELL_KNOWN_JWKS = "/.well-known/jwks.json";
  private static final String BEARER = "Bearer ";
  private static final String HEADER = "method.request.header.";
  private static final String USER_POOL = ":userpool/";

  /** How AWS writes the time claims: as {@code java.util.Date} prints them, in UTC. */
  private static final DateTimeFormatter CLAIM_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final ApiGatewayEngine engine;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  CognitoAuthorizers(ApiGatewayEngine engine) {
    this.engine = engine;
  }

  CompletionStage<Authorizers.Outcome> authorize(
      RestApiState api, Authorizer authorizer, Method method, ApiCall call) {
    String sources = authorizer.identitySource();
    String header =
        sources == null || !sources.startsWith(HEADER)
            ? "Authorization"
            : sources.substring(HEADER.length()).trim();
    String token = call.header(header);
    if (token == null || token.isBlank()) {
      return done(Authorizers.unauthorized(api, call));
    }
    // Guessed: a "Bearer " prefix, as clients often send it, is read past.
    if (token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      token = token.substring(BEARER.length()).trim();
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException notAJwt) {
      return done(Authorizers.unauthorized(api, call));
    }
    String issuer = claims.getIssuer();
    if (issuer == null || !pools(authorizer).contains(lastSegment(issuer))) {
      LOG.debug("Token issuer {} is none of the pools {}", issuer, authorizer.providerARNs());
      return done(Authorizers.unauthorized(api, call));
    }
    String keyId = jwt.getHeader().getKeyID();
    return keys(issuer, keyId)
        .handle(
            (keys, failure) -> {
              if (failure != null) {
                LOG.debug("No JWKS from {}: {}", issuer, failure.toString());
                return Authorizers.unauthorized(api, call);
              }
              return checked(api, method, call, jwt, claims, keys.getKeyByKeyId(keyId));
            });
  }

  private Authorizers.Outcome checked(
      RestApiState api, Method method, ApiCall call, SignedJWT jwt, JWTClaimsSet claims, JWK key) {
    if (key == null || !verifies(jwt, key)) {
      return Authorizers.unauthorized(api, call);
    }
    Date expiry = claims.getExpirationTime();
    Instant now = engine.now();
    if (expiry == null || !now.isBefore(expiry.toInstant())) {
      return Authorizers.unauthorized(api, call, EXPIRED);
    }
    Object tokenUse = claims.getClaim("token_use");
    List<String> scopes =
        method.hasAuthorizationScopes() ? method.authorizationScopes() : List.of();
    if (scopes.isEmpty()) {
      if (!"id".equals(tokenUse)) {
        return Authorizers.unauthorized(api, call);
      }
    } else {
      Object granted = claims.getClaim("scope");
      List<String> grantedScopes =
          granted instanceof String ? List.of(((String) granted).split(" ")) : List.of();
      if (!"access".equals(tokenUse) || grantedScopes.stream().noneMatch(scopes::contains)) {
        return Authorizers.unauthorized(api, call);
      }
    }
    return new Authorizers.Outcome(Map.of("claims", stringified(claims)), null, null, null);
  }

  private static boolean verifies(SignedJWT jwt, JWK key) {
    try {
      JWSVerifier verifier;
      if (key instanceof RSAKey) {
        verifier = new RSASSAVerifier((RSAKey) key);
      } else if (key instanceof ECKey) {
        verifier = new ECDSAVerifier((ECKey) key);
      } else {
        return false;
      }
      return jwt.verify(verifier);
    } catch (JOSEException unverifiable) {
      LOG.debug("Token signature not verifiable: {}", unverifiable.getMessage());
      return false;
    }
  }

  /** The issuer's keys: those kept, unless they lack {@code keyId}; else fetched again. */
  private CompletionStage<JWKSet> keys(String issuer, String keyId) {
    JWKSet kept = (JWKSet) engine.authorizerCache().issuerKeys.get(issuer);
    if (kept != null && keyId != null && kept.getKeyByKeyId(keyId) != null) {
      return CompletableFuture.completedFuture(kept);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer + WELL_KNOWN_JWKS))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenApply(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("JWKS answered " + response.statusCode());
              }
              try {
                JWKSet keys = JWKSet.parse(response.body());
                engine.authorizerCache().issuerKeys.put(issuer, keys);
                return keys;
              } catch (ParseException notJwks) {
                throw new IllegalStateException("Not a JWKS: " + notJwks.getMessage(), notJwks);
              }
            });
  }

  /** The user pool ids the authorizer's provider ARNs name. */
  private static List<String> pools(Authorizer authorizer) {
    List<String> pools = new ArrayList<>();
    if (authorizer.hasProviderARNs()) {
      for (String arn : authorizer.providerARNs()) {
        int at = arn.indexOf(USER_POOL);
        if (at >= 0) {
          pools.add(arn.substring(at + USER_POOL.length()));
        }
      }
    }
    return pools;
  }

  private static String lastSegment(String url) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /**
   * The claims as AWS hands them to integrations: strings, the time claims as dates print ({@code
   * Thu Jan 01 00:00:00 UTC 2030}), lists joined with commas (guessed).
   */
  private static Map<String, Object> stringified(JWTClaimsSet claims) {
    Map<String, Object> strings = new LinkedHashMap<>();
    claims
        .getClaims()
        .forEach(
            (name, value) -> {
              if (value instanceof Date) {
                strings.put(name, CLAIM_TIME.format(((Date) value).toInstant()));
              } else if (value instanceof Collection) {
                List<String> items = new ArrayList<>();
                ((Collection<?>) value).forEach(item -> items.add(String.valueOf(item)));
                strings.put(name, String.join(",", items));
              } else if (value != null) {
                strings.put(name, String.valueOf(value));
              }
            });
    return strings;
  }

  private static CompletionStage<Authorizers.Outcome> done(Authorizers.Outcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }
}
