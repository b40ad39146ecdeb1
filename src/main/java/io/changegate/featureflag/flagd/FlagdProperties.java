package io.changegate.featureflag.flagd;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code changegate.featureflag.flagd}: the flag definition file that flagd reads through its file sync
 * ({@code flagd start --uri file:<file>}, which watches the file). The adapter is configured when {@code file} is set.
 */
@ConfigurationProperties("changegate.featureflag.flagd")
public record FlagdProperties(Path file) {}
