package com.rushgate.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.rushgate.e2e.targets.Participants;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Tokens the authorizer must refuse, each made from a genuine one of the target's issuer and
 * wrong in one way that needs no key of the issuer's: what anyone holding a token can try.
 */
final class Forgeries {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String genuine;
    private final SignedJWT parsed;
    private final RSAKey publicKey;

    private Forgeries(String genuine, RSAKey publicKey) throws ParseException {
        this.genuine = genuine;
        this.parsed = SignedJWT.parse(genuine);
        this.publicKey = publicKey;
    }

    /** Forgeries from a fresh token of {@code name}'s. */
    static Forgeries of(Participants participants, String name) {
        String genuine = participants.token(name);
        try {
            String keyId = SignedJWT.parse(genuine).getHeader().getKeyID();
            return new Forgeries(genuine, participants.publicKey(keyId));
        } catch (ParseException e) {
            throw new IllegalStateException("the issuer's token is not a JWT", e);
        }
    }

    /** The genuine claims, unsigned: {@code "alg":"none"}. */
    String algNone() {
        String header = B64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return "Bearer " + header + "." + segment(1) + ".";
    }

    /** The genuine claims, HS256 with the issuer's public key as the secret: the algorithm-confusion attack. */
    String hmacWithPublicKey() {
        try {
            byte[] secret = publicKey.toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
                    claims());
            jwt.sign(new MACSigner(Arrays.copyOf(secret, Math.max(secret.length, 32))));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The genuine header (key id included) and claims, signed by a key the issuer never had. */
    String strangerKey() {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(publicKey.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(parsed.getHeader(), claims());
            jwt.sign(new RSASSASigner(stranger));
            return "Bearer " + jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The genuine header and claims, the signature left out. */
    String signatureCutOff() {
        return "Bearer " + genuine.substring(0, genuine.lastIndexOf('.') + 1);
    }

    /** The genuine header and signature around claims naming someone else. */
    String payloadSwapped() {
        JWTClaimsSet victim = new JWTClaimsSet.Builder(claims()).subject("victim").build();
        String forged = B64.encodeToString(victim.toString().getBytes(StandardCharsets.UTF_8));
        return "Bearer " + segment(0) + "." + forged + "." + segment(2);
    }

    private JWTClaimsSet claims() {
        try {
            return parsed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String segment(int index) {
        return genuine.split("\\.")[index];
    }
}
