"""``{% load privacy %}``: the mask_phone and mask_id_number filters."""

from django import template

from accounts.privacy import mask_id_number, mask_phone

register = template.Library()
register.filter("mask_phone", mask_phone)
register.filter("mask_id_number", mask_id_number)
