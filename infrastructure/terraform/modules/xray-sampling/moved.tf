# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_xray_sampling_rule.main
  to   = aws_xray_sampling_rule.this
}
