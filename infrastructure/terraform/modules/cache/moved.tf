# Renamed from "main" to "this", the module library's one naming convention:
# existing state moves to the new addresses, nothing is replaced.

moved {
  from = aws_elasticache_subnet_group.main
  to   = aws_elasticache_subnet_group.this
}

moved {
  from = aws_elasticache_parameter_group.main
  to   = aws_elasticache_parameter_group.this
}

moved {
  from = aws_security_group.main
  to   = aws_security_group.this
}

moved {
  from = aws_elasticache_user_group.main
  to   = aws_elasticache_user_group.this
}

moved {
  from = aws_elasticache_replication_group.main
  to   = aws_elasticache_replication_group.this
}
