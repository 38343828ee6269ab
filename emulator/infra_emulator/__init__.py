"""The project's AWS emulator: moto server plus the fill-ins this project needs.

Every fill-in lives in ``infra_emulator.fillins`` and is listed in docs/emulator.md
with the AWS service and action it adds or corrects.
"""
