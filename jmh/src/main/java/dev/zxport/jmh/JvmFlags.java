package dev.zxport.jmh;

/**
 * JVM flags of the forked benchmark JVMs, as constants so that {@code @Fork(jvmArgsAppend)} can
 * use them. Every fork gets the same heap (fixed and pre-touched, so no resizing happens during
 * a measurement); only the forks that run Agrona get {@link #AGRONA_OPENS}.
 */
final class JvmFlags {
    static final String HEAP_MIN = "-Xms1g";
    static final String HEAP_MAX = "-Xmx1g";
    static final String PRE_TOUCH = "-XX:+AlwaysPreTouch";
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** Silences the JDK 24+ warning that JCTools (and JMH itself) print on first use of sun.misc.Unsafe. */
    static final String UNSAFE_ALLOW = "--sun-misc-unsafe-memory-access=allow";
    /** Agrona 2.6.0 uses jdk.internal.misc.Unsafe, which JDK 25 only lets it reach with this flag. */
    static final String AGRONA_OPENS = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
    /** Turns off Agrona's own bounds checks on buffer access; zxport keeps the FFM checks. */
    static final String AGRONA_NO_BOUNDS_CHECKS = "-Dagrona.disable.bounds.checks=true";

    private JvmFlags() {
    }
}
