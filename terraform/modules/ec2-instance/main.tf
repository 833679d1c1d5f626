# A single EC2 instance from an allowed size list, in an existing subnet.
terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

data "aws_ami" "this" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "this" {
  ami           = data.aws_ami.this.id
  instance_type = var.instance_type
  subnet_id     = var.subnet_id
  monitoring    = var.environment == "prod"
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted   = true
    volume_size = var.disk_gb
  }
  tags = merge(var.tags, {
    Name                 = var.name
    "gantry/environment" = var.environment
    "gantry/owner"       = var.owner
  })
}
