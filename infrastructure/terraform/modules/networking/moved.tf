# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_vpc.main
  to   = aws_vpc.this
}

moved {
  from = aws_default_security_group.main
  to   = aws_default_security_group.this
}

moved {
  from = aws_internet_gateway.main
  to   = aws_internet_gateway.this
}

moved {
  from = aws_nat_gateway.main
  to   = aws_nat_gateway.this
}

moved {
  from = aws_flow_log.main
  to   = aws_flow_log.this
}
