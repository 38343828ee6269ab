services = {
  api    = { cpu = 512, count = 2 }
  worker = { cpu = 256 }
}
