# The stepper node's time estimate from the behaviour notes, for tests that check est_ms exactly.
def est_ms(distance, speed=4000, accel=16000):
    """The behaviour notes' estimate: integer maths, every division rounded up."""
    d = abs(distance)
    if d == 0:
        return 0

    def cdiv(a, b):
        return -(-a // b)

    def ceil_sqrt(x):
        r = int(x ** 0.5)
        while r * r < x:
            r += 1
        while r > 0 and (r - 1) * (r - 1) >= x:
            r -= 1
        return r

    if d >= cdiv(speed * speed, accel):
        return cdiv(d * 1000, speed) + cdiv(speed * 1000, accel)
    return 2 * ceil_sqrt(cdiv(d * 1_000_000, accel))
