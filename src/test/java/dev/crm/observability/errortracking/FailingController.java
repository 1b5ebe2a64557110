package dev.crm.observability.errortracking;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints that fail on purpose, imported only by the tests that need them (a
 * {@link TestComponent} is never picked up by component scanning).
 */
@TestComponent
@RestController
public class FailingController {

	/** The personal data the failure message carries, which must never reach Sentry. */
	static final String EMAIL = "victim.sentry@example.com";

	static final String PASSWORD = "pw-in-exception-message";

	@GetMapping("/test/failures/{kind}")
	String fail(@PathVariable String kind) {
		throw new IllegalStateException("Could not process " + kind + " for " + EMAIL + " (password=" + PASSWORD + ")");
	}

	/** A 5xx without an exception, as a servlet component would answer one. */
	@GetMapping("/test/send-error")
	void sendError(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_BAD_GATEWAY);
	}

}
