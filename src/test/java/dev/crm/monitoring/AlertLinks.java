package dev.crm.monitoring;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two bases in alertmanager/templates/links.tmpl that make the rules' relative
 * {@code runbook_url} and {@code dashboard_url} absolute, read the way a test needs them.
 */
record AlertLinks(URI runbookBase, URI dashboardBase) {

	static AlertLinks read() {
		String template = MonitoringStack.read(MonitoringStack.ALERTMANAGER.resolve("templates/links.tmpl"));
		return new AlertLinks(base(template, "crm.runbook.base"), base(template, "crm.dashboard.base"));
	}

	/** The runbook link a notification carries for this annotation. */
	String runbook(String runbookUrl) {
		return this.runbookBase + runbookUrl;
	}

	/** The dashboard link a notification carries for this annotation. */
	String dashboard(String dashboardUrl) {
		return this.dashboardBase + dashboardUrl;
	}

	private static URI base(String template, String name) {
		Matcher define = Pattern.compile("\\{\\{ define \"" + Pattern.quote(name) + "\" }}(.*?)\\{\\{ end }}")
			.matcher(template);
		assertThat(define.find()).as("links.tmpl defines %s", name).isTrue();
		URI base = URI.create(define.group(1));
		assertThat(base.isAbsolute() && base.getPath().endsWith("/"))
			.as("%s is an absolute URL ending in /: %s", name, base)
			.isTrue();
		return base;
	}

}
