package dev.crm.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TokenVerificationTests {

	private final SecurityProperties properties = new SecurityProperties("crm-api", Duration.ofSeconds(30),
			new SecurityProperties.RateLimit(new SecurityProperties.ClientLimit(1, 1),
					new SecurityProperties.FailedAuthenticationLimit(1, 1), 10));

	private JwtDecoder decoder(org.springframework.core.io.Resource publicKey) {
		NimbusJwtDecoder decoder = TokenVerification.fromPublicKey(publicKey);
		decoder.setJwtValidator(TokenVerification.validator(this.properties, null));
		return decoder;
	}

	private JwtDecoder decoder() {
		return decoder(new ClassPathResource("security/test-public.pem"));
	}

	@Test
	void decodesAValidRs256Token() {
		assertThat(decoder().decode(TestTokens.VALID).getSubject()).isEqualTo(TestTokens.CLIENT);
	}

	@Test
	void toleratesTheConfiguredClockSkewAndNoMore() {
		assertThat(decoder().decode(TestTokens.builder().expiresAt(Instant.now().minusSeconds(5)).sign())).isNotNull();
		assertThat(failure(TestTokens.builder().expiresAt(Instant.now().minusSeconds(60)).sign()))
			.isEqualTo(TokenFailure.EXPIRED);
	}

	@Test
	void namesEachFailure() {
		assertThat(failure(TestTokens.builder().audience("another-api").sign())).isEqualTo(TokenFailure.WRONG_AUDIENCE);
		assertThat(failure(HostileTokens.hmacSigned())).isEqualTo(TokenFailure.INVALID);
		assertThat(failure(HostileTokens.unsigned())).isEqualTo(TokenFailure.INVALID);
		assertThat(failure(TestTokens.builder().key(TestTokens.privateKey("security/other-private.pem")).sign()))
			.isEqualTo(TokenFailure.INVALID);
		assertThat(failure("not-a-jwt")).isEqualTo(TokenFailure.INVALID);
	}

	@Test
	void anEcP256KeyVerifiesEs256(@TempDir Path dir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair pair = generator.generateKeyPair();
		Path pem = Files.writeString(dir.resolve("ec.pem"), TestTokens.pem(pair.getPublic()));
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256),
				new JWTClaimsSet.Builder().subject("ec-client")
					.audience(List.of("crm-api"))
					.expirationTime(Date.from(Instant.now().plusSeconds(60)))
					.build());
		jwt.sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()));
		assertThat(decoder(new FileSystemResource(pem)).decode(jwt.serialize()).getSubject()).isEqualTo("ec-client");
		// The RSA test key does not verify it, whatever the token says.
		assertThat(failure(jwt.serialize())).isEqualTo(TokenFailure.INVALID);
	}

	@Test
	void withoutAnyKeySettingTheApplicationDoesNotStart() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> new TokenVerification().jwtDecoder(
				new org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties(),
				this.properties))
			.withMessageContaining("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
	}

	private TokenFailure failure(String token) {
		JwtException exception = catchThrowableOfType(JwtException.class, () -> decoder().decode(token));
		assertThat(exception).as("rejected").isNotNull();
		return TokenFailure.of(new InvalidBearerTokenException(exception.getMessage(), exception));
	}

}
