output "instance_id" {
  value = terraform_data.instance.output.id
}

output "private_ip" {
  value = terraform_data.instance.output.private_ip
}

output "instance_type" {
  value = terraform_data.instance.output.instance_type
}
