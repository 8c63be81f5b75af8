"""The domain core: data loading and validation, series, the claims registry, the verdict engine,
formatting, inflation, growth, parameters, the memo and plotting. Imports nothing above it."""
