package com.rushgate.core.aws;

import com.rushgate.core.app.ConfigurationException;
import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;

/**
 * SDK_HTTP_CLIENT=crt. The CRT client is not in the function jars (its native library would more
 * than double them); the bench puts it on the class path to compare it with the others. Kept in its
 * own class so that nothing loads a CRT class unless this client is chosen.
 */
final class CrtHttpClients {

    private CrtHttpClients() {
    }

    static SdkHttpClient build(Duration connectTimeout, int maxConnections) {
        try {
            return AwsCrtHttpClient.builder()
                    .connectionTimeout(connectTimeout)
                    .maxConcurrency(maxConnections)
                    .build();
        } catch (NoClassDefFoundError missing) {
            throw new ConfigurationException("SDK_HTTP_CLIENT=crt, but the CRT client is not on the class path "
                    + "(the function jars do not carry it): " + missing.getMessage());
        }
    }
}
