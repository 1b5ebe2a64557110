package dev.crm.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.crm.support.TestTokens;

/**
 * The {@code Authorization} headers an attacker or a broken client sends, each of which
 * must get a 401 problem, never a 500 or a 200. Named, so a failure says which.
 */
final class HostileTokens {

	private HostileTokens() {
	}

	/** Header value by case name; {@code null} sends no header at all. */
	static Map<String, String> authorizationHeaders() {
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("no Authorization header", null);
		cases.put("another scheme (Basic)", "Basic " + base64("admin:admin"));
		cases.put("Bearer without a token", "Bearer ");
		cases.put("garbage token", "Bearer not-a-jwt");
		cases.put("malformed token characters", "Bearer abc def!@#");
		cases.put("7 KB token (the largest that fits Tomcat's 8 KB header limit)",
				"Bearer " + "A".repeat(5000) + "." + "B".repeat(1500) + "." + "C".repeat(500));
		cases.put("alg none", "Bearer " + unsigned());
		cases.put("HMAC where RSA is expected", "Bearer " + hmacSigned());
		cases.put("expired", "Bearer " + TestTokens.builder().expiresAt(Instant.now().minusSeconds(3600)).sign());
		cases.put("wrong audience", "Bearer " + TestTokens.builder().audience("another-api").sign());
		cases.put("wrong key",
				"Bearer " + TestTokens.builder().key(TestTokens.privateKey("security/other-private.pem")).sign());
		return cases;
	}

	/** A valid token's claims under {@code "alg":"none"} and no signature. */
	static String unsigned() {
		String[] parts = TestTokens.VALID.split("\\.");
		return base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
	}

	/**
	 * Signed with HS256 using the public key's text as the secret: the classic
	 * algorithm-confusion attack on verifiers that take the algorithm from the token.
	 */
	static String hmacSigned() {
		try {
			byte[] secret = TestTokens.class.getClassLoader()
				.getResourceAsStream("security/test-public.pem")
				.readAllBytes();
			JWTClaimsSet claims = SignedJWT.parse(TestTokens.VALID).getJWTClaimsSet();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(new SecretKeySpec(secret, "HmacSHA256")));
			return jwt.serialize();
		}
		catch (JOSEException | java.io.IOException | java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Over Tomcat's 8 KB request-header limit: refused by the server before any filter,
	 * as a 400 problem, never reaching authentication.
	 */
	static String tenKilobytes() {
		return "Bearer " + "A".repeat(7000) + "." + "B".repeat(2000) + "." + "C".repeat(1000);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String base64url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
