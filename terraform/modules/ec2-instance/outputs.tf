output "instance_id" {
  value = aws_instance.this.id
}

output "private_ip" {
  value = aws_instance.this.private_ip
}

output "instance_type" {
  value = aws_instance.this.instance_type
}

# The encrypted administrator password of a Windows instance (empty on Linux). Gantry never
# stores, logs or shows a sensitive output.
output "password_data" {
  value     = aws_instance.this.password_data
  sensitive = true
}
