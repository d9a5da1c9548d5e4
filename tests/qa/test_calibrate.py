from citeqa.qa.calibrate import choose_threshold, sweep


def test_sweep_picks_the_middle_of_the_best_run():
    scored = [(True, 0.8, False), (True, 0.6, False), (False, 0.3, False), (False, 0.7, True)]
    points = sweep(scored, lo=0.2, hi=0.8, step=0.1)
    chosen = choose_threshold(points)
    assert 0.3 < chosen.threshold <= 0.6
    assert chosen.recall == 1.0 and chosen.answered == 1.0
