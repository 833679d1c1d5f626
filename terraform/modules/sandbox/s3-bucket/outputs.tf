output "bucket_name" {
  value = terraform_data.bucket.output.bucket
}

output "bucket_arn" {
  value = "arn:aws:s3:::${terraform_data.bucket.output.bucket}"
}

output "region" {
  value = "sandbox"
}
