package dev.rumbl.testing;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the live heap holds by class, from the JVM's own class histogram (the one {@code jcmd PID
 * GC.class_histogram} prints, taken after a full GC): a histogram taken early and one taken late tell
 * which classes grew, so that a soak names what a rising heap is made of.
 */
record ClassGrowth(Map<String, Long> bytesByClass) {

  private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

  /** The live heap's bytes by class name, now. */
  static ClassGrowth histogram() {
    try {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
        new Object[] {new String[0]}, new String[] {String[].class.getName()});
      Map<String, Long> bytes = new HashMap<>();
      for (String line : text.split("\n")) {
        Matcher row = ROW.matcher(line);
        if (row.find()) {
          bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
        }
      }
      return new ClassGrowth(bytes);
    } catch (JMException e) {
      throw new IllegalStateException("no class histogram from this JVM", e);
    }
  }

  /** The classes whose bytes grew most from earlier to this histogram, largest growth first, as "class +N KB". */
  List<String> topGrowthSince(ClassGrowth earlier, int limit) {
    return bytesByClass.entrySet().stream()
      .map(entry -> Map.entry(entry.getKey(), entry.getValue() - earlier.bytesByClass.getOrDefault(entry.getKey(), 0L)))
      .filter(entry -> entry.getValue() > 0)
      .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
      .limit(limit)
      .map(entry -> entry.getKey() + " +" + (entry.getValue() >> 10) + " KB")
      .toList();
  }
}
