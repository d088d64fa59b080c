package com.rushgate.local.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;

/**
 * Checks a bearer token the way API Gateway's Cognito authorizer does: an RS256 signature by the
 * pool's key, the pool as issuer, one of its app clients as audience, an ID token, not expired
 * and already valid. The claims reach the function as strings in requestContext.authorizer.claims.
 */
public final class TokenVerifier {

    private final RSAKey publicKey;
    private final String issuer;
    private final List<String> audiences;
    private final Clock clock;
    private final RSASSAVerifier verifier;

    public TokenVerifier(RSAKey publicKey, String issuer, List<String> audiences, Clock clock) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audiences = List.copyOf(audiences);
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            this.verifier = new RSASSAVerifier(publicKey);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    /**
     * @param authorization the Authorization header, with or without "Bearer "
     * @return the claims as API Gateway passes them on
     * @throws InvalidTokenException with the reason (logged, never sent to the caller)
     */
    public Map<String, String> verify(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new InvalidTokenException("no Authorization header");
        }
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : authorization.trim();
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + jwt.getHeader().getAlgorithm() + " is not RS256");
        }
        if (jwt.getHeader().getKeyID() != null && !jwt.getHeader().getKeyID().equals(publicKey.getKeyID())) {
            throw new InvalidTokenException("unknown key id");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("bad signature");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("signature cannot be checked");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("claims are not a JSON object");
        }
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("wrong issuer");
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
            throw new InvalidTokenException("wrong audience");
        }
        if (!"id".equals(claims.getClaim("token_use"))) {
            throw new InvalidTokenException("not an ID token");
        }
        if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(now)) {
            throw new InvalidTokenException("expired");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now)) {
            throw new InvalidTokenException("not valid yet");
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().isAfter(now.plusSeconds(60))) {
            throw new InvalidTokenException("issued in the future");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new InvalidTokenException("no subject");
        }
        return asGatewayClaims(claims);
    }

    /** API Gateway hands claims over as strings; dates in Java's Date.toString form. */
    private static Map<String, String> asGatewayClaims(JWTClaimsSet claims) {
        Map<String, String> out = new LinkedHashMap<>();
        SimpleDateFormat format = new SimpleDateFormat("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT);
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        claims.getClaims().forEach((name, value) -> {
            if (value instanceof Date date) {
                out.put(name, format.format(date));
            } else if (value instanceof List<?> list) {
                out.put(name, list.size() == 1 ? String.valueOf(list.get(0)) : String.valueOf(list));
            } else {
                out.put(name, String.valueOf(value));
            }
        });
        return out;
    }

    /** The token is refused; the reason is for the local stack's log only. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }
}
