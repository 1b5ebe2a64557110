package dev.crm.jobs;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One {@link Jobs} for the application. Check-ins go to the {@link JobCheckIns} bean when
 * there is one (error tracking's, while Sentry is on), nowhere otherwise; every
 * {@link JobRunListener} bean (fault injection's, while it is on) hears of each run.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	@Bean
	Jobs jobs(MeterRegistry registry, ObjectProvider<JobCheckIns> checkIns, ObjectProvider<Tracer> tracer,
			ObjectProvider<JobRunListener> listeners) {
		return new Jobs(registry, checkIns.getIfAvailable(() -> JobCheckIns.NONE),
				tracer.getIfAvailable(() -> Tracer.NOOP), Clock.systemUTC(), listeners.orderedStream().toList());
	}

}
