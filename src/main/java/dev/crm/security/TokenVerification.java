package dev.crm.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The one {@link JwtDecoder}, from Boot's own settings: {@code public-key-location} (an
 * RSA key verifies RS256, an EC P-256 key ES256), {@code jwk-set-uri} or
 * {@code issuer-uri} (RS256 and ES256). Boot's own decoders would accept only one
 * algorithm with a public key and use its default 60 s clock skew; this one also names
 * each validation failure ({@link TokenFailure}). With none of the three set, the
 * application does not start: it never serves the API open.
 */
@Configuration(proxyBeanMethods = false)
class TokenVerification {

	// Worded so that the log masking (which hides what follows "bearer") keeps it whole.
	static final String MISSING_KEY = "No JWT verification key is configured. Set "
			+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION (for example file:/etc/crm/jwt.pem), "
			+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI or "
			+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI. crm-api never serves /api without authentication.";

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, SecurityProperties properties) {
		OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
		String issuer = jwt.getIssuerUri();
		OAuth2TokenValidator<Jwt> validator = validator(properties, issuer);
		if (jwt.getPublicKeyLocation() != null) {
			NimbusJwtDecoder decoder = fromPublicKey(jwt.getPublicKeyLocation());
			decoder.setJwtValidator(validator);
			return decoder;
		}
		if (StringUtils.hasText(jwt.getJwkSetUri())) {
			// Lazy, as Boot does: the key set is fetched on the first token, not at
			// start.
			String uri = jwt.getJwkSetUri();
			return new SupplierJwtDecoder(() -> withValidator(
					NimbusJwtDecoder.withJwkSetUri(uri).jwsAlgorithms(TokenVerification::accepted), validator));
		}
		if (StringUtils.hasText(issuer)) {
			return new SupplierJwtDecoder(() -> withValidator(
					NimbusJwtDecoder.withIssuerLocation(issuer).jwsAlgorithms(TokenVerification::accepted), validator));
		}
		throw new IllegalStateException(MISSING_KEY);
	}

	/**
	 * Expiry (required) with the configured skew, the audience and, with an issuer URI,
	 * the issuer.
	 */
	static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, String issuer) {
		JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
		timestamps.setAllowEmptyExpiryClaim(false);
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(TokenFailure.EXPIRED.check(timestamps));
		validators.add(TokenFailure.EXPIRED.check(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
		validators.add(TokenFailure.WRONG_AUDIENCE.check(new JwtAudienceValidator(properties.audience())));
		if (StringUtils.hasText(issuer)) {
			validators.add(TokenFailure.WRONG_ISSUER.check(new JwtIssuerValidator(issuer)));
		}
		return new DelegatingOAuth2TokenValidator<>(validators);
	}

	/**
	 * @param location a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo)
	 * @return a decoder for RS256 (RSA key) or ES256 (EC P-256 key), nothing else
	 */
	static NimbusJwtDecoder fromPublicKey(Resource location) {
		PublicKey key = readPublicKey(location);
		JWK jwk;
		SignatureAlgorithm algorithm;
		if (key instanceof RSAPublicKey rsa) {
			jwk = new RSAKey.Builder(rsa).build();
			algorithm = SignatureAlgorithm.RS256;
		}
		else if (key instanceof ECPublicKey ec && Curve.forECParameterSpec(ec.getParams()) == Curve.P_256) {
			jwk = new ECKey.Builder(Curve.P_256, ec).build();
			algorithm = SignatureAlgorithm.ES256;
		}
		else {
			throw new IllegalStateException("The JWT public key at " + location
					+ " is neither RSA nor EC P-256: only RS256 and ES256 tokens are accepted.");
		}
		return NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(new JWKSet(jwk))).jwsAlgorithm(algorithm).build();
	}

	private static PublicKey readPublicKey(Resource location) {
		byte[] der;
		try {
			String pem = location.getContentAsString(StandardCharsets.US_ASCII);
			der = Base64.getMimeDecoder()
				.decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("Cannot read the JWT public key at " + location + ": " + ex.getMessage(),
					ex);
		}
		for (String algorithm : List.of("RSA", "EC")) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (InvalidKeySpecException ex) {
				// Not this kind of key: try the next.
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("The JWT public key at " + location + " is not a PEM RSA or EC public key.");
	}

	private static void accepted(Set<SignatureAlgorithm> algorithms) {
		algorithms.clear();
		algorithms.add(SignatureAlgorithm.RS256);
		algorithms.add(SignatureAlgorithm.ES256);
	}

	private static NimbusJwtDecoder withValidator(NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder,
			OAuth2TokenValidator<Jwt> validator) {
		NimbusJwtDecoder decoder = builder.build();
		decoder.setJwtValidator(validator);
		return decoder;
	}

}
