output "instance_id" {
  value = terraform_data.instance.output.id
}

output "private_ip" {
  value = terraform_data.instance.output.private_ip
}

output "instance_type" {
  value = terraform_data.instance.output.instance_type
}

# Stands in for the AWS twin's encrypted password: a sensitive value the tests follow to make
# sure it never reaches the request, the resource, the logs, the API or the catalog.
output "password_data" {
  value     = sha256("${var.name}/${var.owner}/password")
  sensitive = true
}
