# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_kms_key.main
  to   = aws_kms_key.this
}

moved {
  from = aws_kms_alias.main
  to   = aws_kms_alias.this
}
