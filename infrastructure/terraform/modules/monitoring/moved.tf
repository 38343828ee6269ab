# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_cloudwatch_dashboard.main
  to   = aws_cloudwatch_dashboard.this
}
