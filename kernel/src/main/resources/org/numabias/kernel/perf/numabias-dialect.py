# numabias' perf script dialect: perf script's default line layout, with every field of every
# tracepoint as key=value (perf's default text omits sk_data_ready's socket address). Pointers and
# hashes in hex, other numbers in decimal, spaces in strings as '_'. Run by numabias as
# 'perf script -s numabias-dialect.py'; the importer reads it like default perf script text.
import sys

HEX = frozenset(("skbaddr", "skaddr", "sk", "hash", "location"))
out = sys.stdout


def trace_unhandled(event_name, context, fields, sample=None):
    subsys, _, event = event_name.partition("__")
    parts = []
    for key, value in fields.items():
        if key.startswith("common_") or isinstance(value, (bytes, bytearray, list, dict)):
            continue
        if key in HEX and isinstance(value, int):
            parts.append("%s=0x%x" % (key, value & 0xFFFFFFFFFFFFFFFF))
        else:
            parts.append("%s=%s" % (key, str(value).replace(" ", "_")))
    out.write("%s %d [%03d] %d.%09d: %s:%s: %s\n" % (
        str(fields["common_comm"]).replace("\n", " ").replace("\r", " "), fields["common_pid"], fields["common_cpu"],
        fields["common_s"], fields["common_ns"], subsys, event, " ".join(parts)))
