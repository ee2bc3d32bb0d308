package io.serverlessstack.fake.internal.s3;

import io.serverlessstack.api.S3Events;
import io.serverlessstack.api.S3Events.Details;
import io.serverlessstack.fake.internal.clock.StackClock;
import io.serverlessstack.fake.internal.journal.Journal;
import io.serverlessstack.fake.internal.protocol.AwsErrorException;
import io.serverlessstack.fake.internal.server.Scope;
import io.serverlessstack.fake.internal.server.ScopedResources;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The S3 engine: every bucket of every account and region and the objects in them, in memory.
 * Protocol-agnostic and thread-safe; time comes only from the stack's clock, and every bucket and
 * object written or deleted goes to the journal.
 *
 * <p>Buckets live in an account and a region ({@link ScopedResources}, the account from the
 * request's access key). A bucket name is unique within an account, whatever the region, as it is
 * in AWS (where it is unique world-wide): creating a name the account has in another region is
 * {@code BucketAlreadyOwnedByYou}, and a request in one region for the account's bucket of another
 * is redirected there ({@code PermanentRedirect}) as AWS does. Accounts do not see each other's
 * buckets, so two accounts may have buckets of one name.
 *
 * <p>Other services call {@link #putObject(String, String, String, String, byte[], String, String)}
 * to write objects (Firehose's deliveries), and tests read buckets back with {@link
 * #objects(String)}.
 */
public final class S3Engine {

  static final String SERVICE = S3Events.SERVICE;

  /** S3 keys sort by their UTF-8 bytes, which is the order of their code points. */
  static final Comparator<String> KEY_ORDER = S3Engine::compareCodePoints;

  private static final String US_EAST_1 = "us-east-1";

  private final StackClock clock;
  private final Journal journal;
  private final ScopedResources<S3Bucket> buckets = new ScopedResources<>(SERVICE, "");

  /** Held while buckets are created or deleted, which checks every region of the account. */
  private final Object bucketsLock = new Object();

  public S3Engine(StackClock clock, Journal journal) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  /** One bucket: its name, where it lives, when it was made, and its objects by key. */
  static final class S3Bucket {
    final String name;
    final Scope scope;
    final Instant created;
    final String arn;
    private final ConcurrentSkipListMap<String, StoredObject> objects =
        new ConcurrentSkipListMap<>(KEY_ORDER);
    private boolean deleted; // guarded by this

    S3Bucket(String name, Scope scope, Instant created) {
      this.name = name;
      this.scope = scope;
      this.created = created;
      this.arn = "arn:aws:s3:::" + name;
    }

    /** The objects by key, in S3's order; a live view. */
    NavigableMap<String, StoredObject> objects() {
      return objects;
    }
  }

  // ---- buckets

  /**
   * Creates bucket {@code name} in {@code scope}, whose name and location the caller checked.
   * Creating again a bucket the account has in us-east-1, from us-east-1, succeeds without change,
   * as it does in AWS; anywhere else it is {@code BucketAlreadyOwnedByYou}.
   */
  S3Bucket createBucket(Scope scope, String name) {
    synchronized (bucketsLock) {
      S3Bucket existing = ofAccount(scope.accountId(), name);
      if (existing != null) {
        if (existing.scope.equals(scope) && scope.region().equals(US_EAST_1)) {
          return existing;
        }
        throw S3Errors.bucketAlreadyOwnedByYou(name);
      }
      S3Bucket bucket = new S3Bucket(name, scope, now());
      buckets.putIfAbsent(new ScopedResources.Key(scope, name), bucket);
      journal.append(
          SERVICE,
          S3Events.BUCKET_CREATED,
          name,
          bucket.arn,
          Map.of(Details.REGION, scope.region()));
      return bucket;
    }
  }

  /** Deletes an empty bucket. */
  void deleteBucket(Scope scope, String name) {
    synchronized (bucketsLock) {
      S3Bucket bucket = bucket(scope, name);
      synchronized (bucket) {
        if (!bucket.objects.isEmpty()) {
          throw S3Errors.bucketNotEmpty(name);
        }
        bucket.deleted = true;
      }
      buckets.remove(new ScopedResources.Key(scope, name), bucket);
      journal.append(SERVICE, S3Events.BUCKET_DELETED, name, bucket.arn, Map.of());
    }
  }

  /**
   * The bucket {@code name} of {@code scope}.
   *
   * @throws AwsErrorException {@code NoSuchBucket}, or {@code PermanentRedirect} to the region of
   *     the account's bucket of that name
   */
  S3Bucket bucket(Scope scope, String name) {
    S3Bucket bucket = buckets.get(scope, name);
    if (bucket != null) {
      return bucket;
    }
    S3Bucket elsewhere = ofAccount(scope.accountId(), name);
    if (elsewhere != null) {
      throw S3Errors.permanentRedirect(name, elsewhere.scope.region());
    }
    throw S3Errors.noSuchBucket(name);
  }

  /** The account's bucket {@code name} in whichever region, as GetBucketLocation finds it. */
  S3Bucket bucketOfAccount(String accountId, String name) {
    S3Bucket bucket = ofAccount(accountId, name);
    if (bucket == null) {
      throw S3Errors.noSuchBucket(name);
    }
    return bucket;
  }

  private S3Bucket ofAccount(String accountId, String name) {
    for (S3Bucket bucket : buckets.all()) {
      if (bucket.scope.accountId().equals(accountId) && bucket.name.equals(name)) {
        return bucket;
      }
    }
    return null;
  }

  /** Every bucket of the account, in every region, by name. */
  List<S3Bucket> buckets(String accountId) {
    List<S3Bucket> owned = new ArrayList<>();
    for (S3Bucket bucket : buckets.all()) {
      if (bucket.scope.accountId().equals(accountId)) {
        owned.add(bucket);
      }
    }
    owned.sort(Comparator.comparing(bucket -> bucket.name));
    return owned;
  }

  // ---- objects

  /**
   * Writes {@code object} into the bucket, replacing any of its key, if the conditions of a
   * conditional write hold.
   *
   * @param ifMatch the ETag the object being replaced must have, or {@code null}
   * @param ifNoneMatch {@code *} if no object of the key may exist, or {@code null}
   */
  StoredObject put(
      Scope scope, String bucketName, StoredObject object, String ifMatch, String ifNoneMatch) {
    S3Bucket bucket = bucket(scope, bucketName);
    synchronized (bucket) {
      if (bucket.deleted) {
        throw S3Errors.noSuchBucket(bucketName);
      }
      StoredObject current = bucket.objects.get(object.key());
      if (ifNoneMatch != null && current != null) {
        throw S3Errors.preconditionFailed("If-None-Match");
      }
      if (ifMatch != null) {
        if (current == null) {
          throw S3Errors.noSuchKey(object.key());
        }
        if (!S3Conditions.etagMatches(ifMatch, current.etag())) {
          throw S3Errors.preconditionFailed("If-Match");
        }
      }
      bucket.objects.put(object.key(), object);
    }
    journal.append(
        SERVICE,
        S3Events.OBJECT_PUT,
        bucketName,
        bucket.arn,
        Map.of(
            Details.KEY,
            object.key(),
            Details.SIZE,
            Long.toString(object.size()),
            Details.ETAG,
            object.etag(),
            Details.CONTENT_TYPE,
            object.contentType()));
    return object;
  }

  /** The object under {@code key}: {@code NoSuchKey} if there is none. */
  StoredObject get(Scope scope, String bucketName, String key) {
    StoredObject object = bucket(scope, bucketName).objects.get(key);
    if (object == null) {
      throw S3Errors.noSuchKey(key);
    }
    return object;
  }

  /** Deletes the object under {@code key} if there is one; returns whether there was. */
  boolean delete(Scope scope, String bucketName, String key) {
    S3Bucket bucket = bucket(scope, bucketName);
    StoredObject removed;
    synchronized (bucket) {
      removed = bucket.objects.remove(key);
    }
    if (removed != null) {
      journal.append(
          SERVICE, S3Events.OBJECT_DELETED, bucketName, bucket.arn, Map.of(Details.KEY, key));
    }
    return removed != null;
  }

  /** The clock's time to the second, as S3 keeps times. */
  Instant now() {
    return clock.now().truncatedTo(ChronoUnit.SECONDS);
  }

  // ---- the Java API of other services and of tests

  /**
   * Writes an object as PutObject does, for another service of the stack (Firehose's deliveries):
   * the bucket must exist in that account and region.
   *
   * @param contentType its content type, or {@code null} for S3's {@code binary/octet-stream}
   * @param contentEncoding its content encoding, or {@code null}
   * @return the object as stored
   * @throws AwsErrorException {@code NoSuchBucket} (or {@code PermanentRedirect}) as PutObject
   */
  public StoredObject putObject(
      String accountId,
      String region,
      String bucket,
      String key,
      byte[] bytes,
      String contentType,
      String contentEncoding) {
    Objects.requireNonNull(key, "key");
    byte[] content = bytes.clone();
    StoredObject object =
        new StoredObject(
            key,
            content,
            etag(content),
            now(),
            contentType == null ? StoredObject.DEFAULT_CONTENT_TYPE : contentType,
            contentEncoding,
            null,
            null,
            null,
            null,
            Map.of(),
            null);
    return put(new Scope(accountId, region), bucket, object, null, null);
  }

  /**
   * The objects of the default account's bucket {@code bucket}, by key; each as stored, its content
   * included (do not write to it).
   *
   * @throws IllegalArgumentException if the default account has no such bucket
   */
  public List<StoredObject> objects(String bucket) {
    return objects(Scope.DEFAULT.accountId(), bucket);
  }

  /** The objects of the account's bucket {@code bucket}, in whichever region, by key. */
  public List<StoredObject> objects(String accountId, String bucket) {
    S3Bucket found = ofAccount(accountId, bucket);
    if (found == null) {
      throw new IllegalArgumentException(
          "Account "
              + accountId
              + " has no bucket "
              + bucket
              + "; it has "
              + bucketNames(accountId));
    }
    return List.copyOf(found.objects.values());
  }

  /** The names of the account's buckets, in every region. */
  public List<String> bucketNames(String accountId) {
    return buckets(accountId).stream().map(bucket -> bucket.name).toList();
  }

  /** Creates a bucket a stack is declared with, in the default account and region. */
  void declareBucket(String name, Map<String, String> attributes) {
    if (!attributes.isEmpty()) {
      throw new IllegalArgumentException(
          "A declared bucket takes no attributes; " + name + " has " + attributes.keySet());
    }
    if (!S3Operations.isValidBucketName(name)) {
      throw new IllegalArgumentException("Not a valid bucket name: " + name);
    }
    createBucket(Scope.DEFAULT, name);
  }

  /** Deletes every bucket and object. */
  public void reset() {
    synchronized (bucketsLock) {
      for (S3Bucket bucket : buckets.clear()) {
        synchronized (bucket) {
          bucket.deleted = true;
          bucket.objects.clear();
        }
      }
    }
  }

  /** The quoted lowercase hex MD5 of {@code content}: a single-part object's ETag. */
  static String etag(byte[] content) {
    try {
      return '"' + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java platform", e);
    }
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
