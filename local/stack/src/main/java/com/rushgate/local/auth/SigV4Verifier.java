package com.rushgate.local.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a request's SigV4 signature ({@code AWS4-HMAC-SHA256} in the Authorization header) the
 * way API Gateway checks the requests of an {@code AWS_IAM} route: the header's parts, the time in
 * {@code X-Amz-Date}, the access key (the local operator key is the only one known), the credential
 * scope (this region, {@code execute-api}), the time (within 15 minutes of the clock), then the signature
 * recomputed from the canonical request and compared in constant time. Each refusal carries the
 * error type and message AWS answers. Thread-safe.
 */
public final class SigV4Verifier {

    /** Why a request is refused, with the {@code x-amzn-ErrorType} API Gateway sends for it. */
    public enum Failure {
        MISSING("MissingAuthenticationTokenException"),
        INCOMPLETE("IncompleteSignatureException"),
        INVALID("InvalidSignatureException"),
        UNRECOGNIZED("UnrecognizedClientException");

        private final String errorType;

        Failure(String errorType) {
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }

    /** A refused request: AWS's error type and message. */
    public static final class RefusedException extends Exception {
        private final Failure failure;

        RefusedException(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** The IAM principal a valid signature identifies. */
    public record Caller(String accessKeyId) {
    }

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PARAMETER = Pattern.compile("(Credential|SignedHeaders|Signature)=([^,\\s]*)");
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided."
            + " Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private final OperatorKey key;
    private final String region;
    private final Clock clock;

    public SigV4Verifier(OperatorKey key, String region, Clock clock) {
        this.key = key;
        this.region = region;
        this.clock = clock;
    }

    /**
     * @param rawPath  the path as sent, still percent-encoded
     * @param rawQuery the query as sent, or null
     * @param headers  every value of a header by name, case-insensitively (empty list for none)
     * @return the caller whose key signed the request
     * @throws RefusedException when the request is not signed, or not signed right by a known key
     */
    public Caller verify(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
                         byte[] body) throws RefusedException {
        String authorization = first(headers, "Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new RefusedException(Failure.MISSING, "Missing Authentication Token");
        }
        Map<String, String> parts = parts(authorization);
        String amzDate = first(headers, "X-Amz-Date");
        if (amzDate == null) {
            throw new RefusedException(Failure.INCOMPLETE,
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                            + authorization);
        }
        String[] scope = parts.get("Credential").split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new RefusedException(Failure.INCOMPLETE, "Credential should be scoped to a valid region.");
        }
        Instant signedAt = signedAt(amzDate, scope[1]);
        if (!scope[0].equals(key.accessKeyId())) {
            throw new RefusedException(Failure.UNRECOGNIZED, "The security token included in the request is invalid.");
        }
        if (!scope[2].equals(region)) {
            throw new RefusedException(Failure.INVALID, "Credential should be scoped to a valid region, not '" + scope[2] + "'.");
        }
        if (!scope[3].equals(SigV4Signing.SERVICE)) {
            throw new RefusedException(Failure.INVALID, "Credential should be scoped to correct service: '"
                    + SigV4Signing.SERVICE + "'.");
        }
        expiry(signedAt);
        String canonical = CanonicalRequest.of(method, rawPath, rawQuery, parts.get("SignedHeaders"), headers, body);
        String credentialScope = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n" + CanonicalRequest.hex(
                CanonicalRequest.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = HexFormat.of().formatHex(signature(scope[1], stringToSign)).getBytes(StandardCharsets.US_ASCII);
        byte[] given = parts.get("Signature").getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new RefusedException(Failure.INVALID, MISMATCH);
        }
        return new Caller(scope[0]);
    }

    private static Map<String, String> parts(String authorization) throws RefusedException {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw new RefusedException(Failure.INCOMPLETE, "Authorization header requires 'Credential' parameter."
                    + " Authorization header requires 'Signature' parameter. Authorization header requires"
                    + " 'SignedHeaders' parameter. Authorization=" + authorization);
        }
        Map<String, String> parts = new HashMap<>();
        Matcher matcher = PARAMETER.matcher(authorization.substring(ALGORITHM.length()));
        while (matcher.find()) {
            parts.put(matcher.group(1), matcher.group(2));
        }
        StringBuilder missing = new StringBuilder();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (parts.getOrDefault(name, "").isEmpty()) {
                missing.append("Authorization header requires '").append(name).append("' parameter. ");
            }
        }
        if (!missing.isEmpty()) {
            throw new RefusedException(Failure.INCOMPLETE, missing + "Authorization=" + authorization);
        }
        return parts;
    }

    private static Instant signedAt(String amzDate, String scopeDate) throws RefusedException {
        try {
            Instant at = Instant.from(AMZ_DATE.parse(amzDate));
            if (!amzDate.startsWith(scopeDate)) {
                throw new RefusedException(Failure.INVALID, "Date in Credential scope does not match YYYYMMDD from ISO-8601"
                        + " version of date from HTTP: '" + scopeDate + "' != '" + amzDate.substring(0, 8) + "'");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw new RefusedException(Failure.INCOMPLETE, "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
    }

    private void expiry(Instant signedAt) throws RefusedException {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw new RefusedException(Failure.INVALID, "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new RefusedException(Failure.INVALID, "Signature not yet current: " + AMZ_DATE.format(signedAt)
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
    }

    private byte[] signature(String date, String stringToSign) {
        byte[] signingKey = hmac(("AWS4" + key.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
        signingKey = hmac(signingKey, region);
        signingKey = hmac(signingKey, SigV4Signing.SERVICE);
        signingKey = hmac(signingKey, "aws4_request");
        return hmac(signingKey, stringToSign);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
