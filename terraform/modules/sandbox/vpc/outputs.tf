output "vpc_id" {
  value = terraform_data.vpc.output.id
}

output "cidr_block" {
  value = terraform_data.vpc.output.cidr_block
}

output "private_subnet_ids" {
  value = terraform_data.private_subnet[*].output.id
}
