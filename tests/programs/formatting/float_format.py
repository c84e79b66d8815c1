# formatting: float format types e f g % with precision, width and special values
x = 1234.56789
print(f"{x:.2f} {x:.0f} {x:10.3f}| {x:<12.1f}| {x:e} {x:.3e} {x:E} {x:g} {x:.3g} {x:G}")
print(f"{0.000012345:g} {0.000012345:e} {1e20:g} {1e-5:.2g} {123456789.0:g} {1e16:g}")
print(f"{0.25:%} {0.25:.1%} {1.5:.0%} {-0.125:.2%}")
print(f"{x:,.2f} {x:_.3f} {1e6:,.0f} {-x:+.1f} {x: .1f}")
print(f"{float('inf'):f} {float('-inf'):.2f} {float('nan'):f} {float('inf'):e} {float('nan'):g} {float('inf'):>8}")
print(f"{2.5:.0f} {3.5:.0f} {0.125:.2f} {0.375:.2f} {2.675:.2f} {1.005:.2f}")
print(f"{-0.0:f} {-0.0:g} {-0.0} {0.0:+f}")
print(f"{3.0:g} {3.0:.3} {3.14159:.3} {1234567.0:.3} {12.0:}")
print(f"{1/3:.15f} {1/3:.17g} {2/3:.20f}")
print(f"{123.456:010.2f} {-123.456:010.2f} {123.456:*^15.1f}")
print(format(1.0, ".10g"), format(100.0, "e"), format(1e100, ".2e"), format(5e-324, "g"))
print(f"{12345.6789:n} {0.1:.1e} {9.99:.1f} {9.95:.1f} {0.05:.1f}")
