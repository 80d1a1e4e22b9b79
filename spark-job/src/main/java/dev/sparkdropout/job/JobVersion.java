package dev.sparkdropout.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the build's version, from a resource Maven fills in (so it is right in the
 * jar and in target/classes alike), and the Spark and Scala versions the job runs on.
 */
final class JobVersion implements IVersionProvider {

  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
        "spark-dropout " + version(),
        "Spark " + spark() + ", Scala " + scala()};
  }

  /** The Spark release the job runs on, e.g. {@code 3.5.7}. */
  static String spark() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /** The Scala release it runs on, e.g. {@code 2.12.18}. */
  static String scala() {
    return scala.util.Properties.versionNumberString();
  }

  static String version() {
    Properties properties = new Properties();
    try (InputStream in = JobVersion.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "(unknown version)");
  }
}
