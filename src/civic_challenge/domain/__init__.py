"""Pure logic: plain values and pandas frames in, plain values out. No I/O, no clock."""
