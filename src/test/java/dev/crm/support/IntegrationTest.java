package dev.crm.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on random ports (API and management) against real PostgreSQL,
 * with the in-memory cache unless a test adds {@code spring.data.redis.url}. Tests reach
 * it through the {@link RunningApp} bean.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@Import({ PostgresTestConfiguration.class, RunningApp.class })
public @interface IntegrationTest {

}
