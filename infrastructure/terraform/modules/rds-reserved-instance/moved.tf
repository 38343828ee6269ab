# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_rds_reserved_instance.main
  to   = aws_rds_reserved_instance.this
}
