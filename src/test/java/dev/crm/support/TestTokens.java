package dev.crm.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Bearer tokens for tests, signed with the test key pair every test context trusts
 * ({@code src/test/resources/security}). {@link #VALID} is what {@link Api} sends by
 * default: both scopes, the {@code crm-api} audience, valid for a day (longer than any
 * test run).
 */
public final class TestTokens {

	/** The client (azp) and subject of the default token. */
	public static final String CLIENT = "test-client";

	private static final PrivateKey KEY = privateKey("security/test-private.pem");

	/** Both scopes, right audience, right key, a day to live. */
	public static final String VALID = builder().sign();

	private TestTokens() {
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Reads a PKCS#8 PEM private key from the test classpath. */
	public static PrivateKey privateKey(String resource) {
		try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is not on the test classpath");
			}
			String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
			byte[] der = Base64.getMimeDecoder()
				.decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new RSA key pair, for the dev launcher. */
	public static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The PEM ({@code PUBLIC KEY}) form of a public key. */
	public static String pem(PublicKey key) {
		return "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	public static final class Builder {

		private String subject = CLIENT;

		private List<String> audience = List.of("crm-api");

		private String scope = "crm.read crm.write";

		private Instant expiresAt = Instant.now().plus(Duration.ofDays(1));

		private PrivateKey key = KEY;

		public Builder subject(String subject) {
			this.subject = subject;
			return this;
		}

		public Builder audience(String... audience) {
			this.audience = List.of(audience);
			return this;
		}

		public Builder scope(String scope) {
			this.scope = scope;
			return this;
		}

		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		public Builder key(PrivateKey key) {
			this.key = key;
			return this;
		}

		public String sign() {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(this.subject)
				.claim("azp", this.subject)
				.audience(this.audience)
				.claim("scope", this.scope)
				// Issued before it expires, even for an expired token.
				.issueTime(Date.from(min(Instant.now(), this.expiresAt.minus(Duration.ofHours(1)))))
				.expirationTime(Date.from(this.expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			try {
				jwt.sign(new RSASSASigner((RSAPrivateKey) this.key));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

}
