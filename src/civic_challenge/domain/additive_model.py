"""The additive leniency model: review total = proposal quality + judge offset + noise.

Fitted by least squares over the judge-proposal graph with the offsets summing to zero. The
proposal qualities are eliminated first (for fixed offsets, a proposal's quality is the mean of
its offset-corrected reviews), which leaves one sparse linear system with one unknown per judge
(the Schur complement, a weighted graph Laplacian of the judges), solved by preconditioned
conjugate gradients with one judge pinned to zero, then centred. Time grows with the number of
reviews: 100k proposals x 5 reviews fit in about 0.2 s, with 1,000 or 5,000 judges.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import linalg, sparse
from scipy.sparse.linalg import cg, spsolve

from civic_challenge.domain.comparability import judge_groups


@dataclass(frozen=True)
class AdditiveFit:
    """offsets: Series by judge_id (points on the 0-100 scale; positive = lenient, sums to 0).
    quality: Series by proposal_id (the fitted proposal quality, same scale as the totals).
    residual_variance: noise variance estimate (NaN when the model leaves no residual freedom).
    laplacian: the judges' J x J system matrix, in the order of `offsets`.
    """

    offsets: pd.Series
    quality: pd.Series
    residual_variance: float
    laplacian: sparse.csr_matrix

    def offset_standard_errors(self) -> pd.Series:
        """Standard error of each judge's offset, by judge_id.

        Cov(offsets) = residual_variance x L+, where L+ is the pseudo-inverse of the judges'
        Laplacian (its null space is the constant vector, which the sum-to-zero rule removes).
        A dense J x J inverse, O(J^3): about 0.1 s at 1,000 judges, 5-8 s at 5,000 (measured
        on 2 cores); a challenge's panel is far smaller.
        """
        n_judges = len(self.offsets)
        if n_judges == 1:
            return pd.Series(0.0, index=self.offsets.index, name="standard_error")
        dense = self.laplacian.toarray()
        dense += 1.0 / n_judges
        inverse = linalg.inv(dense, overwrite_a=True, check_finite=False)
        diagonal = np.diag(inverse) - 1.0 / n_judges
        variance = self.residual_variance * np.clip(diagonal, 0.0, None)
        return pd.Series(np.sqrt(variance), index=self.offsets.index, name="standard_error")


def fit_additive_model(reviews: pd.DataFrame, column: str = "total") -> AdditiveFit:
    """Least-squares judge offsets and proposal qualities.

    Input: a long frame with `proposal_id`, `judge_id` and `column`, one row per review, no
    missing values (see `review_frame.checked_reviews`), whose judge-proposal graph is connected
    (see `comparability.judge_groups`); a disconnected graph raises ValueError, since the offsets
    of unlinked groups are not determined by the data.
    """
    if len(judge_groups(reviews)) > 1:
        raise ValueError("The judge-proposal graph is not connected, so offsets are undetermined")
    judge_codes, judges = pd.factorize(reviews["judge_id"], sort=True)
    proposal_codes, proposals = pd.factorize(reviews["proposal_id"], sort=True)
    values = reviews[column].to_numpy(dtype=float)
    n_judges, n_proposals = len(judges), len(proposals)
    per_proposal = np.bincount(proposal_codes, minlength=n_proposals).astype(float)
    per_judge = np.bincount(judge_codes, minlength=n_judges).astype(float)
    links = sparse.csr_matrix(
        (np.ones(len(values)), (judge_codes, proposal_codes)), shape=(n_judges, n_proposals)
    )
    proposal_sums = np.bincount(proposal_codes, weights=values, minlength=n_proposals)
    laplacian = (
        sparse.diags(per_judge) - links @ sparse.diags(1.0 / per_proposal) @ links.T
    ).tocsr()
    right = np.bincount(judge_codes, weights=values, minlength=n_judges) - links @ (
        proposal_sums / per_proposal
    )
    offsets = _solve_centred(laplacian, right)
    quality = (proposal_sums - links.T @ offsets) / per_proposal
    residuals = values - quality[proposal_codes] - offsets[judge_codes]
    freedom = len(values) - n_proposals - (n_judges - 1)
    variance = float(residuals @ residuals / freedom) if freedom > 0 else float("nan")
    return AdditiveFit(
        offsets=pd.Series(offsets, index=pd.Index(judges, name="judge_id"), name="offset"),
        quality=pd.Series(quality, index=pd.Index(proposals, name="proposal_id"), name="quality"),
        residual_variance=variance,
        laplacian=laplacian,
    )


def _solve_centred(laplacian: sparse.csr_matrix, right: np.ndarray) -> np.ndarray:
    """Offsets with the first judge pinned to 0, then centred so that they sum to zero.

    Conjugate gradients with a diagonal preconditioner: a few milliseconds even with thousands
    of judges, where a direct sparse factorisation fills in (6 s at 5,000 judges). A direct
    solve remains the fallback should the iteration not converge.
    """
    offsets = np.zeros(laplacian.shape[0])
    if laplacian.shape[0] > 1:
        pinned = laplacian[1:, 1:].tocsr()
        scale = sparse.diags(1.0 / pinned.diagonal())
        solution, failed = cg(pinned, right[1:], rtol=1e-12, maxiter=10 * len(right), M=scale)
        offsets[1:] = spsolve(pinned.tocsc(), right[1:]) if failed else solution
    return offsets - offsets.mean()
