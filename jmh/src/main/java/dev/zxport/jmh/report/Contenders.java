package dev.zxport.jmh.report;

import java.util.List;
import java.util.Map;

/** Display names and groupings of the {@code impl} parameter values. */
final class Contenders {
    static final String ZXPORT = "ZXPORT";
    static final String ZXPORT_BLOCKING = "ZXPORT_BLOCKING";

    /** Order of rows in every table and of series in the chart. */
    static final List<String> ORDER = List.of(ZXPORT, ZXPORT_BLOCKING, "JCTOOLS_SPSC", "JCTOOLS_MPMC",
            "JCTOOLS_MPMC_VH", "AGRONA_O2O", "AGRONA_M2O", "DISRUPTOR", "ABQ", "ABQ_BLOCKING");

    private static final Map<String, String> LABELS = Map.of(
            ZXPORT, "zxport zx_port_queue + zx_port_wait (MPMC)",
            ZXPORT_BLOCKING, "zxport, consumer blocks (ZX_TIME_INFINITE)",
            "JCTOOLS_SPSC", "JCTools SpscArrayQueue",
            "JCTOOLS_MPMC", "JCTools MpmcArrayQueue",
            "JCTOOLS_MPMC_VH", "JCTools MpmcVarHandleArrayQueue",
            "AGRONA_O2O", "Agrona OneToOneRingBuffer",
            "AGRONA_M2O", "Agrona ManyToOneRingBuffer",
            "DISRUPTOR", "Disruptor 4 (single producer, EventPoller)",
            "ABQ", "ArrayBlockingQueue offer/poll",
            "ABQ_BLOCKING", "ArrayBlockingQueue, consumer blocks (take)");

    private static final Map<String, String> SHORT_LABELS = Map.of(
            ZXPORT, "zxport",
            ZXPORT_BLOCKING, "zxport blocking",
            "JCTOOLS_SPSC", "JCTools SPSC",
            "JCTOOLS_MPMC", "JCTools MPMC",
            "JCTOOLS_MPMC_VH", "JCTools MPMC VarHandle",
            "AGRONA_O2O", "Agrona 1-to-1",
            "AGRONA_M2O", "Agrona many-to-1",
            "DISRUPTOR", "Disruptor",
            "ABQ", "ArrayBlockingQueue",
            "ABQ_BLOCKING", "ABQ take");

    private Contenders() {
    }

    static String label(String impl) {
        return LABELS.getOrDefault(impl, impl);
    }

    static String shortLabel(String impl) {
        return SHORT_LABELS.getOrDefault(impl, impl);
    }

    static boolean isZxport(String impl) {
        return impl.startsWith("ZXPORT");
    }

    static boolean isBlocking(String impl) {
        return impl.endsWith("_BLOCKING");
    }

    /** Returns the position in {@link #ORDER} of the contender with this short label, or -1. */
    static int rankOfShortLabel(String shortLabel) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (shortLabel(ORDER.get(i)).equals(shortLabel)) {
                return i;
            }
        }
        return -1;
    }

    static int rank(String impl) {
        int index = ORDER.indexOf(impl);
        return index < 0 ? ORDER.size() : index;
    }
}
