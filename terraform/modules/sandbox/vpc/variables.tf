variable "name" {
  description = "VPC name"
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,62}$", var.name))
    error_message = "Names are 3-63 lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "Always sandbox: this module creates nothing outside Terraform's state"
  type        = string
  validation {
    condition     = var.environment == "sandbox"
    error_message = "The sandbox modules serve the sandbox environment only."
  }
}

variable "owner" {
  description = "Owning group entity ref"
  type        = string
}

variable "cidr_block" {
  description = "IPv4 CIDR of the VPC, /16 to /24, in a private range"
  type        = string
  validation {
    condition = (
      can(cidrhost(var.cidr_block, 0)) &&
      tonumber(split("/", var.cidr_block)[1]) >= 16 &&
      tonumber(split("/", var.cidr_block)[1]) <= 24 &&
      can(regex("^(10\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|192\\.168\\.)", var.cidr_block))
    )
    error_message = "cidr_block must be a /16 to /24 in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16."
  }
}

variable "subnet_count" {
  description = "Private subnets, one per availability zone"
  type        = number
  default     = 2
  validation {
    condition     = var.subnet_count >= 1 && var.subnet_count <= 4
    error_message = "subnet_count must be 1 to 4."
  }
}

variable "tags" {
  description = "Extra tags"
  type        = map(string)
  default     = {}
}
